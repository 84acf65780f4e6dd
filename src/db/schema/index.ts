// One file per aggregate; each capability adds its export line here.

export * from './assessments.js';
export * from './assignments.js';
export * from './chats.js';
export * from './clues.js';
export * from './dispatches.js';
export * from './mentoring.js';
export * from './observations.js';
export * from './org.js';
export * from './pool.js';
export * from './recommendations.js';
export * from './roster.js';
export * from './sendlimits.js';
export * from './talks.js';
export * from './training.js';
export * from './transport.js';
export * from './use.js';
