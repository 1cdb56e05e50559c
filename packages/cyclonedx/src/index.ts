export { cycloneDxViolation, type CycloneDxViolation } from './validate.js';
export { MAX_COMPONENTS, MAX_DEPTH } from './bom-shape.js';
