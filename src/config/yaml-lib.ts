// Moved to shared/yaml-lib (kinds locate YAML positions and import no config/); re-exported for the loader.
export * from '../shared/yaml-lib';
