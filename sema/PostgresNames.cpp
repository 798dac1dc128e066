//===- PostgresNames.cpp - The names PostgreSQL would choose --------------===//

#include "sema/PostgresNames.h"

#include "llvm/ADT/STLExtras.h"

using namespace schemac;

std::string schemac::clipIdentifier(llvm::StringRef Name, size_t MaxBytes) {
  if (Name.size() <= MaxBytes)
    return Name.str();
  size_t Len = MaxBytes;
  // Back up over continuation bytes (10xxxxxx) to a character start.
  while (Len > 0 && (static_cast<unsigned char>(Name[Len]) & 0xC0) == 0x80)
    --Len;
  return Name.take_front(Len).str();
}

std::string schemac::makeObjectName(llvm::StringRef Name1,
                                    llvm::StringRef Name2,
                                    llvm::StringRef Label) {
  size_t Overhead = 0;
  size_t Name1Chars = Name1.size();
  size_t Name2Chars = Name2.size();
  if (!Name2.empty())
    ++Overhead; // separating underscore
  if (!Label.empty())
    Overhead += Label.size() + 1;
  size_t Avail = MaxIdentifierBytes - Overhead;
  // Truncate the longer name first, one byte at a time, as PostgreSQL does.
  while (Name1Chars + Name2Chars > Avail) {
    if (Name1Chars > Name2Chars)
      --Name1Chars;
    else
      --Name2Chars;
  }
  std::string Result = clipIdentifier(Name1, Name1Chars);
  if (!Name2.empty())
    Result += "_" + clipIdentifier(Name2, Name2Chars);
  if (!Label.empty())
    Result += "_" + Label.str();
  return Result;
}

std::string schemac::joinNameParts(llvm::ArrayRef<std::string> Parts) {
  std::string Buf;
  for (const std::string &Part : Parts) {
    if (!Buf.empty())
      Buf += '_';
    Buf += clipIdentifier(Part);
    if (Buf.size() >= MaxIdentifierBytes + 1)
      break;
  }
  return Buf;
}

std::vector<std::string>
schemac::uniqueIndexColumnNames(llvm::ArrayRef<std::string> Names) {
  std::vector<std::string> Result;
  for (const std::string &Orig : Names) {
    std::string Current = Orig;
    for (unsigned I = 1; llvm::is_contained(Result, Current); ++I) {
      std::string Suffix = std::to_string(I);
      Current =
          clipIdentifier(Orig, MaxIdentifierBytes - Suffix.size()) + Suffix;
    }
    Result.push_back(Current);
  }
  return Result;
}

std::string SchemaNames::chooseRelationName(llvm::StringRef Name1,
                                            llvm::StringRef Name2,
                                            llvm::StringRef Label,
                                            bool IsConstraint) {
  std::string ModLabel = Label.str();
  for (unsigned Pass = 1;; ++Pass) {
    std::string Name = makeObjectName(Name1, Name2, ModLabel);
    if (!hasRelation(Name) && (!IsConstraint || !hasConstraint(Name))) {
      reserveRelation(Name);
      if (IsConstraint)
        reserveConstraint(Name);
      return Name;
    }
    ModLabel = Label.str() + std::to_string(Pass);
  }
}

std::string SchemaNames::chooseConstraintName(llvm::StringRef Name1,
                                              llvm::StringRef Name2,
                                              llvm::StringRef Label) {
  std::string ModLabel = Label.str();
  for (unsigned Pass = 1;; ++Pass) {
    std::string Name = makeObjectName(Name1, Name2, ModLabel);
    if (!hasConstraint(Name)) {
      reserveConstraint(Name);
      return Name;
    }
    ModLabel = Label.str() + std::to_string(Pass);
  }
}
