// A hand-written checker of standards/profile/mapping.schema.json, so that the browser entry validates
// mappings without a JSON Schema validator (Ajv and its code generation weigh more than the whole
// engine). test/mappingSchema.test.ts holds it to Ajv2020 on the schema itself, for the official mappings
// and thousands of mutated ones: when the schema changes, that test says what to change here.

/** One place where a mapping breaks a rule, as a JSON pointer into the mapping file. */
export interface SchemaProblem {
  pointer: string;
  zh: string;
  en: string;
}

type Json = unknown;
type Obj = Record<string, Json>;

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const esc = (k: string | number) => String(k).replace(/~/g, '~0').replace(/\//g, '~1');
const at = (ptr: string, k: string | number) => `${ptr}/${esc(k)}`;

const FORMATS = ['csv', 'tsv', 'xlsx', 'xml', 'fixed', 'json', 'ndjson'];
const ENCODINGS = ['auto', 'utf-8', 'utf8', 'gb18030', 'gbk', 'gb2312'];
const OPS = ['nonEmpty', 'equals', 'notEquals', 'matches', 'notMatches'];
const ID = /^[a-z0-9-]+\/[a-z0-9-]+$/;
const TARGET = /^[A-Za-z_]\w*(\.(\d+|[A-Za-z_]\w*))*$/;

class Checker {
  readonly problems: SchemaProblem[] = [];
  add(pointer: string, zh: string, en: string): false {
    this.problems.push({ pointer, zh, en });
    return false;
  }
  object(v: Json, ptr: string): v is Obj {
    return isObj(v) || this.add(ptr, '应为 JSON 对象', 'must be a JSON object');
  }
  string(v: Json, ptr: string, opts: { min?: number; max?: number; pattern?: RegExp } = {}): boolean {
    if (typeof v !== 'string') return this.add(ptr, '应为字符串', 'must be a string');
    // JSON Schema counts length in code points.
    const n = [...v].length;
    if (opts.min !== undefined && n < opts.min)
      return this.add(ptr, `至少 ${opts.min} 个字符`, `must have at least ${opts.min} characters`);
    if (opts.max !== undefined && n > opts.max)
      return this.add(ptr, `至多 ${opts.max} 个字符`, `must have at most ${opts.max} characters`);
    if (opts.pattern && !opts.pattern.test(v))
      return this.add(ptr, `应符合 ${opts.pattern.source}`, `must match ${opts.pattern.source}`);
    return true;
  }
  integer(v: Json, ptr: string, min?: number, max?: number): boolean {
    if (typeof v !== 'number' || !Number.isInteger(v)) return this.add(ptr, '应为整数', 'must be an integer');
    if (min !== undefined && v < min) return this.add(ptr, `应不小于 ${min}`, `must be at least ${min}`);
    if (max !== undefined && v > max) return this.add(ptr, `应不大于 ${max}`, `must be at most ${max}`);
    return true;
  }
  boolean(v: Json, ptr: string): boolean {
    return typeof v === 'boolean' || this.add(ptr, '应为 true 或 false', 'must be true or false');
  }
  scalar(v: Json, ptr: string): boolean {
    return (
      typeof v === 'string' ||
      (typeof v === 'number' && Number.isFinite(v)) ||
      typeof v === 'boolean' ||
      this.add(ptr, '应为字符串、数字或布尔值', 'must be a string, a number or a boolean')
    );
  }
  oneOf(v: Json, ptr: string, values: readonly string[]): boolean {
    return (
      (typeof v === 'string' && values.includes(v)) ||
      this.add(ptr, `应为 ${values.join('、')} 之一`, `must be one of ${values.join(', ')}`)
    );
  }
  strings(v: Json, ptr: string, minItems = 0): boolean {
    if (!Array.isArray(v)) return this.add(ptr, '应为字符串数组', 'must be an array of strings');
    if (v.length < minItems)
      return this.add(ptr, `至少需要 ${minItems} 项`, `must have at least ${minItems} item(s)`);
    let ok = true;
    v.forEach((s, i) => {
      if (!this.string(s, at(ptr, i))) ok = false;
    });
    return ok;
  }
  /** Required members first, then each member against its rule; unknown members are refused by name. */
  members(
    o: Obj,
    ptr: string,
    required: readonly string[],
    known: Readonly<Record<string, (v: Json, p: string) => unknown>>,
  ): void {
    for (const k of required) {
      if (!Object.hasOwn(o, k)) this.add(at(ptr, k), `缺少必填项 ${k}`, `${k} is required`);
    }
    for (const k of Object.keys(o)) {
      const rule = Object.hasOwn(known, k) ? known[k] : undefined;
      if (!rule) {
        this.add(
          at(ptr, k),
          `未知的键 ${k}（可用：${Object.keys(known).join('、')}）`,
          `unknown key ${k} (known: ${Object.keys(known).join(', ')})`,
        );
      } else rule(o[k], at(ptr, k));
    }
  }

  text = (v: Json, ptr: string) => {
    if (!this.object(v, ptr)) return;
    this.members(v, ptr, ['zh', 'en'], {
      zh: (x, p) => this.string(x, p),
      en: (x, p) => this.string(x, p),
    });
  };

  source = (v: Json, ptr: string) => {
    if (!this.object(v, ptr)) return;
    this.members(v, ptr, ['system', 'format'], {
      system: (x, p) => this.string(x, p, { min: 1 }),
      format: (x, p) => this.oneOf(x, p, FORMATS),
      encoding: (x, p) => this.oneOf(x, p, ENCODINGS),
      bom: (x, p) => this.boolean(x, p),
      delimiter: (x, p) => this.string(x, p, { min: 1, max: 1 }),
      headerRow: (x, p) => this.integer(x, p, 0),
      sheet: (x, p) =>
        typeof x === 'string' ||
        (typeof x === 'number' && Number.isInteger(x)) ||
        this.add(p, '应为工作表名称或序号', 'must be a sheet name or an integer position'),
      mergedCells: (x, p) => this.oneOf(x, p, ['fill', 'top-left']),
      recordPath: (x, p) => this.string(x, p),
      columns: (x, p) => {
        if (!Array.isArray(x)) return this.add(p, '应为数组', 'must be an array');
        x.forEach((c, i) => {
          const q = at(p, i);
          if (!this.object(c, q)) return;
          this.members(c, q, ['name', 'start', 'length'], {
            name: (y, r) => this.string(y, r),
            start: (y, r) => this.integer(y, r, 1),
            length: (y, r) => this.integer(y, r, 1),
          });
        });
        return true;
      },
      skipLines: (x, p) => this.integer(x, p, 0),
      exportColumns: (x, p) => this.strings(x, p),
    });
    if (v.format === 'xml' && !Object.hasOwn(v, 'recordPath'))
      this.add(at(ptr, 'recordPath'), 'XML 需要 recordPath', 'XML needs recordPath');
    if (v.format === 'fixed' && !Object.hasOwn(v, 'columns'))
      this.add(at(ptr, 'columns'), '定长格式需要 columns', 'fixed width needs columns');
  };

  transform = (v: Json, ptr: string) => {
    if (typeof v === 'string') return;
    if (!isObj(v)) {
      this.add(ptr, '应为转换名称或带 name 的对象', 'must be a transform name or an object with a name');
      return;
    }
    if (!Object.hasOwn(v, 'name')) this.add(at(ptr, 'name'), '缺少必填项 name', 'name is required');
    else this.string(v.name, at(ptr, 'name'));
  };

  fields = (v: Json, ptr: string) => {
    if (!Array.isArray(v)) {
      this.add(ptr, '应为字段规则数组', 'must be an array of field rules');
      return;
    }
    if (v.length === 0) this.add(ptr, '至少需要一条字段规则', 'must have at least one field rule');
    v.forEach((f, i) => {
      this.field(f, at(ptr, i));
    });
  };

  field = (v: Json, ptr: string) => {
    if (!this.object(v, ptr)) return;
    this.members(v, ptr, ['target'], {
      target: (x, p) => this.string(x, p, { pattern: TARGET }),
      from: (x, p) => (typeof x === 'string' ? true : this.strings(x, p, 1)),
      const: (x, p) => this.scalar(x, p),
      transforms: (x, p) => {
        if (!Array.isArray(x)) return this.add(p, '应为转换数组', 'must be an array of transforms');
        x.forEach((t, i) => {
          this.transform(t, at(p, i));
        });
        return true;
      },
      crosswalk: (x, p) => this.string(x, p, { pattern: ID }),
      default: (x, p) => this.scalar(x, p),
      required: (x, p) => this.boolean(x, p),
      onlyIf: (x, p) => this.string(x, p),
      each: (x, p) => {
        if (!this.object(x, p)) return;
        this.members(x, p, ['from', 'fields'], {
          from: (y, q) => this.string(y, q),
          fields: this.fields,
        });
      },
    });
    if (!['from', 'const', 'default', 'each'].some((k) => Object.hasOwn(v, k))) {
      this.add(ptr, '需要 from、const、default 或 each 之一', 'needs one of from, const, default or each');
    }
  };

  mapping = (v: Json) => {
    if (!this.object(v, '')) return;
    this.members(v, '', ['id', 'version', 'title', 'source', 'target', 'fields'], {
      $schema: (x, p) => this.string(x, p),
      id: (x, p) => this.string(x, p, { pattern: ID }),
      version: (x, p) => this.string(x, p, { pattern: /^\d+\.\d+\.\d+$/ }),
      title: this.text,
      description: this.text,
      source: this.source,
      target: (x, p) => {
        if (!this.object(x, p)) return;
        this.members(x, p, ['standard', 'version'], {
          standard: (y, q) => this.string(y, q),
          version: (y, q) => this.string(y, q),
        });
      },
      recordId: (x, p) => {
        if (!this.object(x, p)) return;
        this.members(x, p, ['target', 'keys'], {
          target: (y, q) => this.string(y, q),
          keys: (y, q) => this.strings(y, q, 1),
          prefix: (y, q) => this.string(y, q, { pattern: /^[A-Za-z0-9._:-]*$/ }),
          length: (y, q) => this.integer(y, q, 16, 64),
        });
      },
      filters: (x, p) => {
        if (!Array.isArray(x)) return this.add(p, '应为数组', 'must be an array');
        x.forEach((f, i) => {
          const q = at(p, i);
          if (!this.object(f, q)) return;
          this.members(f, q, ['column', 'op'], {
            column: (y, r) => this.string(y, r),
            op: (y, r) => this.oneOf(y, r, OPS),
            value: (y, r) => this.string(y, r),
          });
        });
        return true;
      },
      fields: this.fields,
      group: (x, p) => {
        if (!this.object(x, p)) return;
        this.members(x, p, ['by', 'target', 'fields'], {
          by: (y, q) => this.strings(y, q, 1),
          target: (y, q) => this.string(y, q),
          fields: this.fields,
        });
      },
      ignoreColumns: (x, p) => this.strings(x, p),
    });
  };
}

/** Every place where `value` breaks `mapping.schema.json`, in document order; empty when it follows it. */
export function checkMappingSchema(value: unknown): SchemaProblem[] {
  const c = new Checker();
  c.mapping(value);
  return c.problems;
}

export { at as pointerTo };
