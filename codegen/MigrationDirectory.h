//===- MigrationDirectory.h - A directory of migrations ---------*- C++ -*-===//
//
// A migration directory (docs/migrations.md): `NNNN_name.up.sql` and
// `NNNN_name.down.sql` pairs chained by the parent in their headers,
// `schemac.sum` with the SHA-256 of every file, and `schema.snapshot`, the
// schema at the head. This is the one model of it that `migrate new`,
// `migrate verify`, `diff --from DIR` and the applier share: reading it (every
// file goes into the SourceMgr, so diagnostics point into the files like
// those about schema files), verifying it, the chain and its head, and
// adding a migration without ever leaving a half-written directory.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_CODEGEN_MIGRATIONDIRECTORY_H
#define SCHEMAC_CODEGEN_MIGRATIONDIRECTORY_H

#include "codegen/Migration.h"
#include "frontend/AST.h"
#include "frontend/Diagnostic.h"
#include "sema/IR.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/SMLoc.h"
#include "llvm/Support/SourceMgr.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace schemac {

//===----------------------------------------------------------------------===//
// Schema hashes
//===----------------------------------------------------------------------===//

/// `sha256:` and the lowercase hex SHA-256 of Bytes: how schemac.sum and the
/// headers write every hash.
std::string sha256Text(llvm::StringRef Bytes);

/// The text a header's `-- schema:` hash is taken over: the schema source
/// (emitSchemaSource) of S in the one form every origin of a schema gives
/// it, so that a schema file, the snapshot and a database built by the
/// migrations hash alike when the planner finds nothing between them. That
/// form leaves out what a database does not record (`@renamed_from`, the
/// `database` block's search_path and exclude), orders what it does not keep
/// in order (tables and enums by qualified name; columns, constraints and
/// indexes by name: a column added by a migration comes last in a database,
/// wherever the schema file has it), and writes each expression in its
/// canonical form for comparison (sema/ExprEquivalence.h), so the server's
/// spelling of a default or check is the written one's.
std::string canonicalSchemaText(const ir::Schema &S);

/// sha256Text(canonicalSchemaText(S)).
std::string schemaHash(const ir::Schema &S);

/// The schema with nothing in it (what an empty schema file compiles to).
/// Its canonical text is empty, so its hash is the SHA-256 of no bytes.
ir::Schema emptySchema();
std::string emptySchemaHash();

/// What schema.snapshot holds for S: its schema source, without the
/// `@renamed_from` annotations, which belonged to the migration that made
/// the rename.
std::string snapshotSource(const ir::Schema &S);

//===----------------------------------------------------------------------===//
// Statements of a migration file
//===----------------------------------------------------------------------===//

struct MigrationStatement {
  /// The statement, from its first character to its `;`.
  llvm::StringRef SQL;
  /// Marked with `-- schemac:no-transaction`: it must run on its own,
  /// outside a transaction block (and be committed before what follows).
  bool NoTransaction = false;
};

/// Splits SQL into statements at each `;` that is not in a string, quoted
/// name, dollar-quoted body or comment. A `-- schemac:no-transaction` line
/// marks the statements of its paragraph (up to the next empty line), which
/// is how writeMigrationSQL writes such a step.
std::vector<MigrationStatement> splitMigrationSQL(llvm::StringRef SQL);

//===----------------------------------------------------------------------===//
// The directory
//===----------------------------------------------------------------------===//

enum class MigrationDirection { Up, Down };

/// The three header lines of a migration file, with where each value is.
struct MigrationHeader {
  std::string Version;
  llvm::SMRange VersionRange;
  std::string Name;
  llvm::SMRange NameRange;
  MigrationDirection Direction = MigrationDirection::Up;
  llvm::SMRange DirectionRange;
  /// The parent's version; none for the first migration.
  std::optional<std::string> Parent;
  llvm::SMRange ParentRange;
  /// `sha256:...` of the schema once the file has run.
  std::string SchemaHash;
  llvm::SMRange SchemaHashRange;
};

/// A file of the directory that schemac.sum covers: a `.sql` file or
/// schema.snapshot.
struct DirectoryFile {
  std::string FileName;
  /// The buffer in the SourceMgr, named by the file's path.
  unsigned BufferID = 0;
  llvm::StringRef Text;
  /// sha256Text of its bytes.
  std::string Checksum;

  /// The start of the file, where diagnostics about it as a whole point.
  llvm::SMLoc start() const { return llvm::SMLoc::getFromPointer(Text.data()); }
  llvm::SMLoc at(size_t Offset) const {
    return llvm::SMLoc::getFromPointer(Text.data() + Offset);
  }
};

/// A `NNNN_name.up.sql` or `NNNN_name.down.sql` file.
struct MigrationFile : DirectoryFile {
  /// From the file name: the version as written, its number, the name.
  std::string Version;
  uint64_t Number = 0;
  std::string Name;
  MigrationDirection Direction = MigrationDirection::Up;
  /// None when the header is malformed (reported when read).
  std::optional<MigrationHeader> Header;
  /// Where the SQL starts, after the header.
  size_t BodyOffset = 0;

  /// The SQL after the header, split (splitMigrationSQL); each statement
  /// points into Text.
  std::vector<MigrationStatement> statements() const;
  /// Where the header names the version, else the file's start.
  llvm::SMLoc versionLoc() const;
};

/// One version: its up and down files.
struct Migration {
  std::string Version;
  uint64_t Number = 0;
  std::string Name;
  const MigrationFile *Up = nullptr;
  const MigrationFile *Down = nullptr;
  /// From the up file's header (else the down file's); unknown when neither
  /// header could be read, none for the first migration.
  bool ParentKnown = false;
  std::optional<std::string> Parent;

  /// `0003_add_invoices`, how messages name a migration.
  std::string label() const { return Version + "_" + Name; }
  /// The schema after the up file, from its header; empty when unknown.
  std::string schemaHash() const;
  /// Where diagnostics about the migration point.
  llvm::SMLoc loc() const;
};

/// A line of schemac.sum.
struct SumEntry {
  std::string Checksum;
  llvm::SMRange ChecksumRange;
  std::string FileName;
  llvm::SMRange FileNameRange;
};

/// What addMigration wrote.
struct AddedMigration {
  std::string Version;
  std::string UpFile;
  std::string DownFile;
};

class MigrationDirectory {
public:
  MigrationDirectory(const MigrationDirectory &) = delete;
  MigrationDirectory &operator=(const MigrationDirectory &) = delete;

  static constexpr llvm::StringLiteral SumFileName = "schemac.sum";
  static constexpr llvm::StringLiteral SnapshotFileName = "schema.snapshot";

  /// Whether Path is a directory that looks like a migration directory: it
  /// holds schemac.sum, schema.snapshot or a `*.up.sql` file.
  static bool looksLikeMigrationDirectory(llvm::StringRef Path);

  /// Reads the directory at Path: every `.sql` file, schemac.sum and
  /// schema.snapshot go into SM (other files and subdirectories are not
  /// schemac's, and files whose name starts with `.` are left alone). A
  /// malformed file name, header or schemac.sum line is reported to Diags
  /// and the rest is still read. Returns null, with the error reported,
  /// when the directory or a file in it cannot be read; a directory that
  /// does not exist reads as an empty one when MayBeAbsent.
  static std::unique_ptr<MigrationDirectory> read(llvm::StringRef Path,
                                                  llvm::SourceMgr &SM,
                                                  DiagnosticEngine &Diags,
                                                  bool MayBeAbsent = false);

  /// Checks the directory as a whole, reporting every problem: a missing
  /// down or up file, a file whose name disagrees with its header, a
  /// version declared twice, a missing parent, two heads, a cycle, a down
  /// file that does not lead back to its parent's schema, files and
  /// schemac.sum that disagree, and a snapshot that does not compile or is
  /// not the schema the chain leads to. Returns whether there was no
  /// problem (also none found when reading). Only then are chain(), head()
  /// and addMigration() meaningful.
  bool verify(DiagnosticEngine &Diags);

  const std::string &path() const { return Path; }
  /// Whether the directory existed when read.
  bool exists() const { return Exists; }
  /// No migration, no schemac.sum and no snapshot: nothing to verify.
  bool empty() const;

  llvm::ArrayRef<MigrationFile> migrationFiles() const { return Files; }
  llvm::ArrayRef<SumEntry> sumEntries() const { return Sum; }
  const DirectoryFile *snapshotFile() const {
    return Snapshot ? &*Snapshot : nullptr;
  }
  /// Every migration, by version.
  llvm::ArrayRef<Migration> migrations() const { return Migrations; }

  /// After verify(): the migrations from the first to the head.
  llvm::ArrayRef<const Migration *> chain() const { return Chain; }
  /// After verify(): the last migration; null when there is none.
  const Migration *head() const {
    return Chain.empty() ? nullptr : Chain.back();
  }
  /// After verify(): the schema at the head, compiled from schema.snapshot
  /// (the empty schema when the directory has no snapshot).
  const ir::Schema &snapshot() const { return SnapshotIR; }
  /// The version the next migration gets: the highest one plus one,
  /// zero-padded to the head's width (four digits in a new directory).
  std::string nextVersion() const;

  /// Adds migration Name (`[a-z0-9_]+`) after the head of a verified
  /// directory: the up file of plan Up, which leads to schema New, and the
  /// down file of plan Down, back to the head's schema; schemac.sum and
  /// schema.snapshot are updated. The directory is made when missing. All
  /// files are written next to their targets first and renamed into place
  /// at the end; on any failure, what was renamed is put back and the
  /// temporary files are removed, so the directory is as it was.
  llvm::Expected<AddedMigration> addMigration(llvm::StringRef Name,
                                              const MigrationPlan &Up,
                                              const MigrationPlan &Down,
                                              const ir::Schema &New);

private:
  MigrationDirectory() = default;
  bool readFile(llvm::StringRef FileName, DiagnosticEngine &Diags,
                std::optional<DirectoryFile> &Out);
  void readSum(const DirectoryFile &File, DiagnosticEngine &Diags);
  void groupMigrations();
  void verifyNames(DiagnosticEngine &Diags);
  void verifyChain(DiagnosticEngine &Diags);
  void verifySum(DiagnosticEngine &Diags);
  void verifySnapshot(DiagnosticEngine &Diags);
  /// The migrations of version Version (several only when it is declared
  /// twice).
  std::vector<const Migration *> withVersion(llvm::StringRef Version) const;

  std::string Path;
  bool Exists = false;
  llvm::SourceMgr *SM = nullptr;
  std::vector<MigrationFile> Files;
  /// `.sql` files not named like migrations.
  std::vector<DirectoryFile> OtherSQL;
  std::optional<DirectoryFile> SumFile;
  std::vector<SumEntry> Sum;
  std::optional<DirectoryFile> Snapshot;
  std::vector<Migration> Migrations;
  std::vector<const Migration *> Chain;
  std::unique_ptr<ast::Module> SnapshotModule;
  ir::Schema SnapshotIR = emptySchema();
  /// Problems found by read().
  unsigned ReadProblems = 0;
  /// A missing parent, a second head or a cycle: there is no one head.
  bool ChainBroken = false;
  bool DuplicateVersion = false;
};

} // namespace schemac

#endif
