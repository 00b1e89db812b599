export * from './assert';
export * from './errors';
export * from './keys';
export * from './plan';
export * from './resources';
export * from './stack';
export * from './ownership';
export * from './alarm-rule';
