// One file per aggregate; each capability adds its export line here.
export * from './org.js';
export * from './transport.js';
