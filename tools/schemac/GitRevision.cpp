//===- GitRevision.cpp - Schema files as a git revision has them ----------===//

#include "tools/schemac/GitRevision.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

using namespace schemac;
using namespace schemac::driver;

namespace {

/// Runs git with Args; its standard output, or an error with what it said
/// on standard error.
class Git {
public:
  llvm::Error find() {
    auto Found = llvm::sys::findProgramByName("git");
    if (!Found)
      return llvm::createStringError(Found.getError(),
                                     "git:REV needs git, which is not on PATH");
    Program = *Found;
    return llvm::Error::success();
  }

  llvm::Expected<std::string> run(llvm::ArrayRef<std::string> Args) {
    llvm::SmallString<128> Out, Err;
    int OutFD, ErrFD;
    if (std::error_code EC = llvm::sys::fs::createTemporaryFile(
            "schemac-git", "out", OutFD, Out))
      return llvm::errorCodeToError(EC);
    if (std::error_code EC = llvm::sys::fs::createTemporaryFile(
            "schemac-git", "err", ErrFD, Err))
      return llvm::errorCodeToError(EC);
    llvm::sys::fs::closeFile(OutFD);
    llvm::sys::fs::closeFile(ErrFD);
    llvm::FileRemover RemoveOut(Out), RemoveErr(Err);

    std::vector<llvm::StringRef> Argv{Program};
    for (const std::string &A : Args)
      Argv.push_back(A);
    llvm::Optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""),
                                                   Out.str(), Err.str()};
    std::string Why;
    int Status = llvm::sys::ExecuteAndWait(Program, Argv, llvm::None, Redirects,
                                           0, 0, &Why);
    auto Read = [](llvm::StringRef Path) {
      auto Buffer = llvm::MemoryBuffer::getFile(Path);
      return Buffer ? (*Buffer)->getBuffer().str() : std::string();
    };
    if (Status != 0) {
      std::string Said = llvm::StringRef(Read(Err)).trim().str();
      return llvm::createStringError(std::errc::io_error, "git %s: %s",
                                     llvm::join(Args, " ").c_str(),
                                     (Said.empty() ? Why : Said).c_str());
    }
    return Read(Out);
  }

private:
  std::string Program;
};

} // namespace

llvm::Expected<std::vector<RevisionFile>>
driver::readAtRevision(llvm::StringRef Rev, llvm::ArrayRef<std::string> Paths,
                       llvm::StringRef Suffix) {
  Git G;
  if (llvm::Error E = G.find())
    return E;
  std::vector<RevisionFile> Files;
  for (const std::string &Path : Paths) {
    llvm::SmallString<256> Real;
    if (std::error_code EC = llvm::sys::fs::real_path(Path, Real))
      return llvm::createStringError(EC, "cannot read '%s': %s", Path.c_str(),
                                     EC.message().c_str());
    bool IsDirectory = llvm::sys::fs::is_directory(Real);
    llvm::SmallString<256> Dir(Real);
    if (!IsDirectory)
      llvm::sys::path::remove_filename(Dir);
    auto Top = G.run({"-C", std::string(Dir), "rev-parse", "--show-toplevel"});
    if (!Top)
      return Top.takeError();
    std::string Root = llvm::StringRef(*Top).trim().str();
    llvm::SmallString<256> RealRoot;
    if (!llvm::sys::fs::real_path(Root, RealRoot))
      Root = std::string(RealRoot);
    if (auto Commit = G.run({"-C", Root, "rev-parse", "--verify", "--quiet",
                             (Rev + "^{commit}").str()});
        !Commit) {
      llvm::consumeError(Commit.takeError());
      return llvm::createStringError(std::errc::invalid_argument,
                                     "git:%s: no such revision in '%s'",
                                     Rev.str().c_str(), Root.c_str());
    }
    // git names files from the repository's root, with '/'.
    llvm::StringRef Relative = llvm::StringRef(Real).drop_front(Root.size());
    Relative = Relative.ltrim("/");
    std::vector<std::string> Names;
    if (IsDirectory) {
      auto Listed = G.run({"-C", Root, "ls-tree", "-z", "--name-only",
                           "--full-name", Rev.str(), "--",
                           Relative.empty() ? "." : Relative.str() + "/"});
      if (!Listed)
        return Listed.takeError();
      llvm::SmallVector<llvm::StringRef, 16> Lines;
      // -z: names as they are, not quoted, each ended by NUL.
      llvm::StringRef(*Listed).split(Lines, '\0', -1, false);
      for (llvm::StringRef Line : Lines)
        if (Line.endswith(Suffix))
          Names.push_back(Line.str());
      llvm::sort(Names);
    } else {
      auto Present = G.run({"-C", Root, "ls-tree", "--name-only", "--full-name",
                            Rev.str(), "--", Relative.str()});
      if (!Present)
        return Present.takeError();
      if (!llvm::StringRef(*Present).trim().empty())
        Names.push_back(Relative.str());
    }
    for (const std::string &Name : Names) {
      auto Text = G.run({"-C", Root, "show", (Rev + ":" + Name).str()});
      if (!Text)
        return Text.takeError();
      Files.push_back({("git:" + Rev + ":" + Name).str(), std::move(*Text)});
    }
  }
  return Files;
}
