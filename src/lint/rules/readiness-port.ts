import { probePortRule } from '../ports.js';

export default probePortRule('readiness');
