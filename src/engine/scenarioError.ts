/** A scenario that cannot run: `path` names the field, `message` says what is wrong. */
export class ScenarioError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'ScenarioError';
  }
}
