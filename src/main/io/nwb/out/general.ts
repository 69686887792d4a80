// /general of an NWB file the app writes: experimenter, institution, lab, keywords, experiment description and
// the Subject (subject_id, species, sex, age…), from SessionMetadata. Absent fields are not written.
import type { File as H5File, Group } from 'h5wasm'
import type { SessionMetadata } from '@shared/domain/session-metadata'

function text(g: Group, name: string, value: string | undefined): void {
  if (value) g.create_dataset({ name, data: value })
}
function list(g: Group, name: string, values: string[] | undefined): void {
  if (values?.length) g.create_dataset({ name, data: values, shape: [values.length] })
}

/**
 * Writes the metadata into /general (created when missing). `objectId` gives the Subject group's object_id
 * (deterministic writers hash the path, others draw a UUID).
 */
export function writeGeneralMetadata(f: H5File, meta: SessionMetadata, objectId: (path: string) => string): void {
  const general = (f.get('general') as Group | null) ?? f.create_group('general')
  list(general, 'experimenter', meta.experimenter)
  text(general, 'institution', meta.institution)
  text(general, 'lab', meta.lab)
  list(general, 'keywords', meta.keywords)
  text(general, 'experiment_description', meta.experimentDescription)
  const s = meta.subject
  if (!s || !Object.values(s).some(Boolean)) return
  const g = general.create_group('subject')
  g.create_attribute('namespace', 'core')
  g.create_attribute('neurodata_type', 'Subject')
  g.create_attribute('object_id', objectId(g.path))
  text(g, 'subject_id', s.subjectId)
  text(g, 'species', s.species)
  text(g, 'sex', s.sex)
  text(g, 'description', s.description)
  text(g, 'strain', s.strain)
  text(g, 'genotype', s.genotype)
  if (s.age) g.create_dataset({ name: 'age', data: s.age }).create_attribute('reference', 'birth')
}
