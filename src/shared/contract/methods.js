import { appMethods } from './app-methods';
import { datasetsMethods } from './datasets-methods';
import { fitsMethods } from './fits-methods';
import { exportsMethods } from './exports-methods';
import { comparisonsMethods } from './comparisons-methods';
export const methods = {
    ...appMethods,
    ...datasetsMethods,
    ...fitsMethods,
    ...exportsMethods,
    ...comparisonsMethods
};
