// Moved to ../kinds/shared/forms (the kinds' forms use it and kinds import no config/); re-exported here for the loader's modules.
export * from '../kinds/shared/forms';
