export { cycloneDxViolation, type CycloneDxViolation } from './validate.js';
