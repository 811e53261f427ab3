import { probePortRule } from '../ports.js';

export default probePortRule('startup');
