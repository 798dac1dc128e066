//===- AlembicRevisions.h - An Alembic versions directory, read and written ==//
//
// Teams that keep their migrations in Alembic can still have schemac check
// the chain and write the next revision. The revision files are Python, but
// what Alembic needs from them is a handful of module-level assignments of
// literals (`revision`, `down_revision`) and, by its template's convention,
// the docstring's `Revision ID:` / `Revises:` lines. Those are read here with
// a small tokenizer, never by running Python: verifying a directory must not
// execute code from a pull request, and CI machines need not have the
// project's Python environment.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_CODEGEN_ALEMBICREVISIONS_H
#define SCHEMAC_CODEGEN_ALEMBICREVISIONS_H

#include "codegen/Migration.h"
#include "frontend/Diagnostic.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SMLoc.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>
#include <vector>

namespace schemac::alembic {

/// A string read from a revision file and the place it was read from: the
/// literal with its quotes, or the word in the docstring.
struct Located {
  std::string Value;
  llvm::SMRange Range;
};

/// What one revision file says about its place in the chain.
struct RevisionFile {
  unsigned BufferID = 0;
  /// The file's name without its directory: `ae1027a6e52d_add_users.py`.
  std::string FileName;
  /// `revision = '...'`; none when the file has no readable one.
  std::optional<Located> Revision;
  /// Set for a file without `revision` whose name is `<hex>.py`, from which
  /// Alembic takes the revision (its pre-0.2 layout); Revision then points
  /// at the start of the file.
  bool RevisionFromFileName = false;
  /// Whether a readable `down_revision = ...` was found.
  bool HasDownRevision = false;
  /// Its parents: none for `None`, several for a merge.
  std::vector<Located> DownRevisions;
  /// The whole value of `down_revision`, for diagnostics about all of it.
  llvm::SMRange DownRevisionRange;
  /// The docstring's `Revision ID:` and `Revises:` lines, when it has them.
  std::optional<Located> DocRevisionID;
  std::optional<std::vector<Located>> DocRevises;
  llvm::SMRange DocRevisesRange;
};

/// Adds each revision file of Dir to SM, in name order: the `*.py` files
/// directly in it except `__init__.py` and editor lock files (`.#*`), as
/// Alembic lists them. Reports and returns false when Dir or a file cannot
/// be read.
bool loadRevisionFiles(llvm::StringRef Dir, llvm::SourceMgr &SM,
                       DiagnosticEngine &Diags, std::vector<unsigned> &IDs);

/// Reads the module-level assignments and the docstring of one file in
/// Diags' SourceMgr, reporting what cannot be read without running it.
RevisionFile readRevisionFile(unsigned BufferID, DiagnosticEngine &Diags);

/// The chain the files form, once checked.
struct RevisionGraph {
  /// Revisions that no readable file names as a parent, in file order.
  std::vector<std::string> Heads;
  /// How many distinct revisions the files declare.
  size_t NumRevisions = 0;
};

/// Checks the chain: every file declares a revision, no two the same, the
/// file name's `<rev>_` prefix and the docstring agree with it, every parent
/// exists, there is no cycle and there is one head. Each problem is one
/// diagnostic at the place to fix, with notes at the related places.
RevisionGraph verifyRevisions(llvm::ArrayRef<RevisionFile> Files,
                              DiagnosticEngine &Diags);

//===----------------------------------------------------------------------===//
// Writing a revision
//===----------------------------------------------------------------------===//

struct NewRevision {
  /// The message, first line of the docstring and source of the slug.
  std::string Message;
  std::string Revision;
  /// The current head, or none for the first revision.
  std::optional<std::string> DownRevision;
  /// `2024-05-01 12:34:56.789012`, as Alembic writes datetime.now().
  std::string CreateDate;
};

/// Alembic's slug of a message: its words joined by '_', lower case, cut
/// at a word boundary past 40 characters with a trailing '_'.
std::string slugify(llvm::StringRef Message);

/// `<revision>_<slug>.py`, Alembic's default file_template.
std::string revisionFileName(const NewRevision &Rev);

/// A fresh revision id as Alembic makes them: 12 random hexadecimal digits.
std::string generateRevisionId();

/// The local time in CreateDate's format.
std::string currentCreateDate();

/// The text that op.execute() must be given so that SQLAlchemy's text()
/// runs exactly SQL: colons that text() would take for bind parameters
/// (`'{"a":1}'`) get the backslash that text() removes again.
std::string escapeForTextClause(llvm::StringRef SQL);

/// Text as a Python string literal, `"""` quoted so that multi-line SQL
/// stays readable; backslashes, quotes that would end the literal and
/// control characters Python would not keep as they are are escaped.
std::string pythonStringLiteral(llvm::StringRef Text);

/// The revision file: Alembic's template (docstring, identifiers,
/// `upgrade()` and `downgrade()`), each planned statement an op.execute(),
/// those that cannot run in a transaction in an autocommit block.
void writeRevisionFile(const NewRevision &Rev, const MigrationPlan &Upgrade,
                       const MigrationPlan &Downgrade, llvm::raw_ostream &OS);

} // namespace schemac::alembic

#endif
