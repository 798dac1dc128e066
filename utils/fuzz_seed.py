#!/usr/bin/env python3
"""Seeds the corpora and writes the dictionaries of the fuzz targets.

    fuzz_seed.py REPO_ROOT OUT_DIR

utils/fuzz.sh runs this before fuzzing. It writes, from the test suite:

  OUT_DIR/corpus/FrontendFuzzer/  every .schema file under test/ and
                                  examples/, the .schema parts of split-file
                                  tests (`//--- x.schema`, `#--- x.schema`)
                                  and the migration snapshots;
  OUT_DIR/corpus/DiffFuzzer/      pairs of those, two schema files joined by
                                  a NUL byte: consecutive parts of one test,
                                  consecutive files of one Inputs directory
                                  (test/Diff/Inputs/pairs/*/, the chain of
                                  test/Migrate/Inputs/chain/); some with
                                  another NUL and a migration message;
  OUT_DIR/corpus/AlembicFuzzer/   each Alembic fixture directory of
                                  test/Migrate/Inputs as one input (files
                                  joined by NUL bytes, each its name on a
                                  line then its text), and each file alone;
  OUT_DIR/<target>.dict           the dictionaries: for the schema language
                                  its keywords and punctuation (from
                                  grammar/Schema.g4), the built-in type
                                  spellings (sema/BuiltinTypes.cpp) and the
                                  names it gives meaning to; for Alembic
                                  files what the revision reader looks for;
                                  both for the diff (whose input ends with
                                  a revision message).

Each input is named by the SHA-1 of its bytes, as libFuzzer names the inputs
it adds, so seeding again adds nothing twice. Test/fuzz/ itself is not read:
its regression inputs are handed to libFuzzer directly.
"""

import hashlib
import os
import re
import sys
from pathlib import Path

PART = re.compile(r'^(?://|#)--- (\S+)\s*$')


def split_parts(text):
    """The parts of a split-file test, as (name, text), in order."""
    parts, name, lines = [], None, []
    for line in text.splitlines(keepends=True):
        m = PART.match(line)
        if m:
            if name is not None:
                parts.append((name, ''.join(lines)))
            name, lines = m.group(1), []
        elif name is not None:
            lines.append(line)
    if name is not None:
        parts.append((name, ''.join(lines)))
    return parts


def write(directory, data):
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / hashlib.sha1(data).hexdigest()
    if not path.exists():
        path.write_bytes(data)
        return 1
    return 0


def test_files(root, suffixes):
    for top in ('test', 'examples'):
        for path in sorted((root / top).rglob('*')):
            if path.is_file() and path.suffix in suffixes and \
                    'fuzz' not in path.relative_to(root).parts[:2]:
                yield path


def schema_seeds(root):
    """Single schema files, and the groups whose consecutive members pair."""
    singles, groups = [], []
    by_directory = {}
    for path in test_files(root, {'.schema', '.test', '.snapshot'}):
        data = path.read_bytes()
        parts = [(n, t.encode()) for n, t in
                 split_parts(data.decode('utf-8', 'replace'))
                 if n.endswith('.schema')]
        if path.suffix in ('.schema', '.snapshot'):
            singles.append(data)
        if path.suffix == '.schema' and 'Inputs' in path.parts:
            by_directory.setdefault(path.parent, []).append(data)
        singles.extend(t for _, t in parts)
        if len(parts) > 1:
            groups.append([t for _, t in parts])
    groups.extend(files for _, files in sorted(by_directory.items())
                  if len(files) > 1)
    return singles, groups


def alembic_seeds(root):
    inputs = Path(root, 'test', 'Migrate', 'Inputs')
    seeds = []
    for directory in sorted(inputs.iterdir()):
        files = sorted(directory.glob('*.py')) if directory.is_dir() else []
        if directory.suffix == '.py':
            files = [directory]
        entries = [f.name.encode() + b'\n' + f.read_bytes() for f in files]
        seeds.extend(entries)
        if len(entries) > 1:
            seeds.append(b'\0'.join(entries))
    return seeds


def dict_entry(word):
    escaped = ''.join('\\x%02x' % b if b < 0x20 or b >= 0x7f or b in b'"\\'
                      else chr(b) for b in word.encode('latin-1'))
    return '"%s"\n' % escaped


def schema_dictionary(root):
    grammar = Path(root, 'grammar', 'Schema.g4').read_text()
    words = set()
    # Keyword tokens: `TABLE : T A B L E ;`.
    for m in re.finditer(r'^[A-Z_]+\s*:\s*((?:[A-Z] )+);', grammar, re.M):
        words.add(m.group(1).replace(' ', '').lower())
    # Literal tokens of the parser rules and the OPERATOR alternatives.
    for m in re.finditer(r"'((?:[^'\\]|\\.)+)'", grammar):
        literal = m.group(1)
        if not literal.startswith('\\') and len(literal) <= 4:
            words.add(literal)
    types = Path(root, 'sema', 'BuiltinTypes.cpp').read_text()
    words.update(re.findall(r'^\s*\{"([a-z0-9 ]+)", \{', types, re.M))
    words.update([
        'renamed_from', 'allow', 'search_path', 'exclude', 'primary_key',
        'foreign_key', 'unique', 'index', 'check', '%(table_name)s',
        '%(column_0_name)s', '%(column_0N_name)s', '%(column_0_N_name)s',
        '%(referred_table_name)s', '%(referred_column_0_name)s',
        '%(constraint_name)s', 'public', 'pgcrypto', 'vector', 'citext',
        'hstore', 'gin', 'gist', 'btree', 'hash', 'brin', 'ivfflat', 'hnsw',
        'jsonb_path_ops', 'vector_cosine_ops', 'lists', 'now()',
        'gen_random_uuid()', 'nextval', 'current_timestamp', 'OPERATOR(',
        "''", '""', '/*', '*/', '//', 'e\'', 'U&"', '$$', '\\', '\r\n',
        '\t', '\xef\xbb\xbf', '1e10', '9223372036854775808', '2147483648',
        'fk-type-mismatch', 'duplicate-name', 'redundant-index',
        'unused-enum', 'fk-missing-index', 'timestamp-without-tz',
    ])
    return sorted(words)


# Messages of `migrate new NAME`, for the revisions the diff writes.
MESSAGES = [
    b'add users', b'Add "quoted" \\ names', b'it\'s\r\nthree\nlines',
    b'caf\xc3\xa9 \xff', b'"""', b'Revises: x', b'\tRevision ID: y',
]

ALEMBIC_WORDS = [
    'revision', 'down_revision', 'branch_labels', 'depends_on', 'None',
    'Revision ID:', 'Revises:', 'Create Date:', '"""', "'''", 'r"', "b'",
    'f"', 'rb"', 'u\'', '\\\n', '#', '(', ')', '[', ']', '{', '}', ',', '=',
    ':', ' = ', 'def upgrade():', '    ', '\t', '\r\n', '\xef\xbb\xbf',
    'import', 'from alembic import op', 'if ', 'else', ';', '.py',
    '__init__.py', '.#', 'ae1027a6e52d', '1975ea83b712',
]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    root, out = Path(sys.argv[1]), Path(sys.argv[2])
    corpus = out / 'corpus'
    singles, groups = schema_seeds(root)
    added = {}
    added['FrontendFuzzer'] = sum(
        write(corpus / 'FrontendFuzzer', s) for s in singles)
    pairs = [a + b'\0' + b for g in groups for a, b in zip(g, g[1:])]
    pairs += [p + b'\0' + m for p, m in zip(pairs, MESSAGES)]
    added['DiffFuzzer'] = sum(
        write(corpus / 'DiffFuzzer', p) for p in pairs + singles)
    added['AlembicFuzzer'] = sum(
        write(corpus / 'AlembicFuzzer', s) for s in alembic_seeds(root))
    schema_words = schema_dictionary(root)
    dictionaries = {
        'FrontendFuzzer': schema_words,
        # The diff's input ends with a migration message, which goes into
        # the Alembic revision's docstring.
        'DiffFuzzer': sorted(set(schema_words) | set(ALEMBIC_WORDS)),
        'AlembicFuzzer': ALEMBIC_WORDS,
    }
    for target, words in dictionaries.items():
        with open(out / (target + '.dict'), 'w') as f:
            f.write('# Generated by utils/fuzz_seed.py\n')
            f.writelines(dict_entry(w) for w in words)
    for target, count in added.items():
        print('fuzz: seeded %d new inputs into %s' %
              (count, os.path.join(corpus, target)))


if __name__ == '__main__':
    main()
