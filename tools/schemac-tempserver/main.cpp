//===- main.cpp - schemac-tempserver: the embedded server as a process ----===//
//
// Starts schemac's temporary PostgreSQL server (runtime/TempServer), prints
// where it is as one line of JSON, and keeps it until its standard input
// reaches end of file; then stops it and removes its directory. The owner
// (the lit harness, a benchmark: utils/pgtemp.py) holds the write end of
// that pipe, so the owner's end, even by SIGKILL, closes it and the server
// goes: no watchdog is needed. SIGINT, SIGTERM and SIGHUP remove the server
// too (TempServer's interrupt handler).
//
// Exit status: 0 once the server is removed, 1 when it cannot be started
// (the reason on stderr) or the line cannot be written, 2 for a bad command
// line (as schemac).
//===----------------------------------------------------------------------===//

#include "runtime/TempServer.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>

#include <signal.h>
#include <unistd.h>

using namespace schemac;

namespace {

/// Returns at end of file or on a read error: either way the owner can no
/// longer ask for anything, so the server should go. What is read is
/// ignored.
void waitForEndOfInput() {
  char Buffer[256];
  for (;;) {
    ssize_t Size = ::read(STDIN_FILENO, Buffer, sizeof(Buffer));
    if (Size == 0 || (Size < 0 && errno != EINTR))
      return;
  }
}

} // namespace

int main(int Argc, char **Argv) {
  // The default SIGPIPE handler of InitLLVM exits without running
  // destructors, which would leave the server behind; SIGPIPE is ignored
  // below instead.
  llvm::InitLLVM X(Argc, Argv, /*InstallPipeSignalExitHandler=*/false);
  llvm::cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "schemac-tempserver " SCHEMAC_VERSION "\n";
  });
  llvm::cl::OptionCategory Category("schemac-tempserver options");
  llvm::cl::HideUnrelatedOptions(Category);
  if (!llvm::cl::ParseCommandLineOptions(
          Argc, Argv,
          "schemac-tempserver: a temporary PostgreSQL server for as long as "
          "standard input stays open\n\n"
          "Prints one line of JSON (conninfo, host, port, user, bin_dir, "
          "dir),\nthen waits for end of file on standard input, stops the "
          "server and removes\nits directory.\n",
          &llvm::errs()))
    return 2;

  auto Server = TempServer::start();
  if (!Server) {
    llvm::errs() << "schemac-tempserver: error: "
                 << llvm::toString(Server.takeError()) << "\n";
    return 1;
  }

  const TempServer &S = **Server;
  std::string Conninfo = "host=" + S.directory() +
                         " port=" + std::to_string(S.port()) +
                         " user=" + S.user().str();
  llvm::json::Object Info{
      {"conninfo", Conninfo}, {"host", S.directory()},
      {"dir", S.directory()}, {"port", static_cast<int64_t>(S.port())},
      {"user", S.user()},     {"bin_dir", S.binDir()}};
  // An owner that is already gone must not kill us with SIGPIPE before the
  // server is removed: the write fails instead, and the destructor runs.
  ::signal(SIGPIPE, SIG_IGN);
  llvm::outs() << llvm::json::Value(std::move(Info)) << "\n";
  llvm::outs().flush();
  if (llvm::outs().has_error()) {
    llvm::outs().clear_error();
    llvm::errs() << "schemac-tempserver: error: cannot write to standard "
                    "output; stopping the server\n";
    return 1;
  }

  waitForEndOfInput();
  return 0; // Server's destructor stops the server and removes it.
}
