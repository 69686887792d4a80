// Test helpers for the report export: a strict little XML well-formedness parser (elements, attributes, entities,
// one root) returning an element tree, and an RFC 4180 CSV parser. Independent of the code under test.

export interface XmlElement {
  name: string
  attrs: Record<string, string>
  children: XmlElement[]
  text: string
}

const NAME = /^[A-Za-z_][\w.:-]*/
const ENTITY = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g

function decode(s: string, where: string): string {
  const bare = s.replace(ENTITY, '')
  if (bare.includes('&')) throw new Error(`bad entity in ${where}`)
  return s.replace(ENTITY, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e] ?? '?')
}

/** Parses an XML document; throws on anything not well-formed (mismatched tags, bad attributes or entities). */
export function parseXml(src: string): XmlElement {
  let i = 0
  if (src.startsWith('<?xml')) {
    i = src.indexOf('?>')
    if (i < 0) throw new Error('unterminated XML declaration')
    i += 2
  }
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' }
  const stack: XmlElement[] = [root]
  while (i < src.length) {
    const lt = src.indexOf('<', i)
    const chunk = lt < 0 ? src.slice(i) : src.slice(i, lt)
    const top = stack[stack.length - 1]!
    if (chunk.trim()) {
      if (top === root) throw new Error('text outside the root element')
      top.text += decode(chunk, `<${top.name}>`)
    }
    if (lt < 0) break
    if (src.startsWith('<!--', lt)) {
      const end = src.indexOf('-->', lt)
      if (end < 0) throw new Error('unterminated comment')
      i = end + 3
      continue
    }
    const gt = src.indexOf('>', lt)
    if (gt < 0) throw new Error('unterminated tag')
    const body = src.slice(lt + 1, gt)
    i = gt + 1
    if (body.startsWith('/')) {
      const name = body.slice(1).trim()
      const open = stack.pop()
      if (!open || open === root || open.name !== name) throw new Error(`</${name}> closes <${open?.name ?? ''}>`)
      continue
    }
    const selfClosing = body.endsWith('/')
    let rest = selfClosing ? body.slice(0, -1) : body
    const m = NAME.exec(rest)
    if (!m) throw new Error(`bad tag <${body.slice(0, 20)}>`)
    const el: XmlElement = { name: m[0], attrs: {}, children: [], text: '' }
    rest = rest.slice(m[0].length)
    for (;;) {
      rest = rest.replace(/^\s+/, '')
      if (!rest) break
      const a = /^([A-Za-z_][\w.:-]*)\s*=\s*"([^"<]*)"/.exec(rest)
      if (!a) throw new Error(`bad attribute in <${el.name}>: ${rest.slice(0, 30)}`)
      if (a[1]! in el.attrs) throw new Error(`duplicate attribute ${a[1]} in <${el.name}>`)
      el.attrs[a[1]!] = decode(a[2]!, `<${el.name} ${a[1]}>`)
      rest = rest.slice(a[0].length)
    }
    if (stack.length === 1 && root.children.length > 0) throw new Error('more than one root element')
    stack[stack.length - 1]!.children.push(el)
    if (!selfClosing) stack.push(el)
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`)
  if (root.children.length !== 1) throw new Error('no root element')
  return root.children[0]!
}

/** Every element of the tree (depth first) matching `pred`. */
export function findAll(el: XmlElement, pred: (e: XmlElement) => boolean): XmlElement[] {
  const out: XmlElement[] = pred(el) ? [el] : []
  for (const c of el.children) out.push(...findAll(c, pred))
  return out
}

/** Text of an element and its descendants. */
export function textOf(el: XmlElement): string {
  return el.text + el.children.map(textOf).join('')
}

/** RFC 4180 CSV → rows of strings (quoted cells may hold commas, quotes and line breaks). */
export function parseCsv(src: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\r' && src[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += ch
  }
  if (cell || row.length) throw new Error('CSV does not end with CRLF')
  return rows
}
