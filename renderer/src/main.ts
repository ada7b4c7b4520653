// First: the first page and the state are asked for while Lit and the components evaluate.
import './opening.js';
import './app.js';
