// The CLI's flag parser: names looked up in Maps, decimal numbers only, each flag once, no
// positional junk or single-dash long flags, and errors that name only the flag at fault.
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src/cli/args';
import { defaultSettings } from '../../src/experiment/settings';

const EXTRA = { backend: true, json: false, help: false } as const;
function error(argv: string[], options?: Parameters<typeof parseArgs>[2]): string {
  try {
    parseArgs(argv, EXTRA, options);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
}

describe('parseArgs', () => {
  it('reads settings and extra flags, in both --name value and --name=value forms', () => {
    const a = parseArgs(['--epochs', '20', '--every=5', '--backend', 'cpu', '--json', '--dropout', '.25'], EXTRA);
    expect(a.settings).toEqual({ ...defaultSettings(), epochs: 20, every: 5, dropout: 0.25 });
    expect([...a.flags]).toEqual([
      ['backend', 'cpu'],
      ['json', true],
    ]);
    expect(a.positional).toEqual([]);
  });

  it('prototype names are unknown flags', () => {
    for (const name of ['toString', 'constructor', 'hasOwnProperty', '__proto__', 'valueOf']) {
      expect(error([`--${name}`])).toMatch(new RegExp(`^unknown flag --${name} \\(known: --preset --dropout`));
      expect(error([`--${name}=1`])).toMatch(new RegExp(`^unknown flag --${name} `));
    }
  });

  it('rejects positional arguments, single-dash long flags and a lone --', () => {
    expect(error(['junk'])).toBe('unexpected argument "junk": this command takes only --flags');
    expect(error(['--epochs', '5', 'a', 'b'])).toBe('unexpected arguments "a" "b": this command takes only --flags');
    expect(error(['-epochs', '5'])).toBe('single-dash flag -epochs is not read (flags start with --); write --epochs');
    expect(error(['-x'])).toBe('single-dash flag -x is not read (flags start with --)');
    expect(error(['--', '--epochs', '5'])).toBe('unexpected arguments "--epochs" "5": this command takes only --flags');
    expect(parseArgs(['file.json'], EXTRA, { positional: 1, positionalName: 'golden file' }).positional).toEqual(['file.json']);
    expect(error(['a.json', 'b.json'], { positional: 1, positionalName: 'golden file' })).toBe(
      'unexpected argument "b.json": give one golden file',
    );
  });

  it('reports duplicate flags', () => {
    expect(error(['--epochs', '5', '--epochs=7'])).toBe('--epochs is given twice (5, then 7); give it once');
    expect(error(['--json', '--json'])).toBe('--json is given twice (, then ); give it once');
  });

  it('--epochs -3 names only --epochs', () => {
    expect(error(['--epochs', '-3'])).toBe('invalid settings: Epochs (--epochs) = -3: below the minimum 1');
    expect(error(['--epochs', '20', '--every', '50'])).toBe('invalid settings: Checkpoint every (--every) = 50: cannot exceed Epochs');
  });

  it('numbers must be decimal', () => {
    expect(error(['--epochs', '0x10'])).toBe('--epochs 0x10: not a decimal number (hex, octal and binary notations are not read)');
    expect(error(['--epochs', '0o7'])).toMatch(/^--epochs 0o7: not a decimal number/);
    expect(error(['--hidden', '0b1'])).toMatch(/^--hidden 0b1: not a decimal number/);
    expect(error(['--dropout', 'Infinity'])).toBe('--dropout Infinity: not a finite number');
    expect(error(['--seed='])).toBe('--seed : empty, not a number');
    expect(parseArgs(['--lr', '1e-3'], EXTRA).settings.lrRegularized).toBe(0.001);
  });

  it('flags without a value, values where none is taken', () => {
    expect(error(['--lr'])).toBe('--lr needs a value');
    expect(error(['--lr', '--json'])).toBe('--lr needs a value');
    expect(error(['--json=yes'])).toBe('--json takes no value (got "yes")');
    expect(error(['--preset', 'nope'])).toBe(
      '--preset nope: must be one of tutorial, strong-overfitting, dropout-helps, weight-decay-helps, custom',
    );
  });
});
