//===- TempServer.cpp - A throwaway PostgreSQL server ---------------------===//

#include "runtime/TempServer.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Signals.h"

#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <mutex>
#include <set>

#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <unistd.h>

using namespace schemac;

namespace {

constexpr const char *Superuser = "postgres";
/// Only names the socket file: the server listens on nothing else.
constexpr unsigned Port = 5432;

bool hasServerTools(llvm::StringRef Dir) {
  for (const char *Tool : {"initdb", "pg_ctl", "postgres"}) {
    llvm::SmallString<128> Path(Dir);
    llvm::sys::path::append(Path, Tool);
    if (!llvm::sys::fs::can_execute(Path))
      return false;
  }
  return true;
}

/// The last lines of a log, for an error message.
std::string logTail(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return "";
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  (*Buffer)->getBuffer().trim().split(Lines, '\n');
  size_t From = Lines.size() > 8 ? Lines.size() - 8 : 0;
  std::string Out;
  for (size_t I = From; I < Lines.size(); ++I)
    Out += "\n  " + Lines[I].str();
  return Out;
}

/// Runs a server tool, as the postgres user when we are root, its output
/// into Log.
llvm::Error runTool(llvm::StringRef BinDir, llvm::StringRef Tool,
                    llvm::ArrayRef<std::string> Args, llvm::StringRef Log) {
  llvm::SmallString<128> Path(BinDir);
  llvm::sys::path::append(Path, Tool);
  std::vector<std::string> Argv;
  std::string Program = Path.str().str();
  if (::geteuid() == 0) {
    auto Runuser = llvm::sys::findProgramByName("runuser");
    if (!Runuser)
      return llvm::createStringError(
          Runuser.getError(),
          "running as root, and no `runuser` to run %s as the postgres user",
          Tool.str().c_str());
    Program = *Runuser;
    Argv = {"runuser", "-u", Superuser, "--"};
  }
  Argv.push_back(Path.str().str());
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::vector<llvm::StringRef> ArgRefs(Argv.begin(), Argv.end());
  llvm::Optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), Log, Log};
  std::string Message;
  int Status = llvm::sys::ExecuteAndWait(Program, ArgRefs, llvm::None,
                                         Redirects, 0, 0, &Message);
  if (Status != 0)
    return llvm::createStringError(
        std::errc::io_error, "%s failed (%s)%s", Tool.str().c_str(),
        Message.empty() ? ("exit status " + std::to_string(Status)).c_str()
                        : Message.c_str(),
        logTail(Log).c_str());
  return llvm::Error::success();
}

// Directories of the servers alive in this process, for the interrupt
// handler. A directory is listed as soon as it exists, so that an interrupt
// during initdb or pg_ctl start removes it too.
std::mutex LiveMutex;
std::set<std::string> Live;

/// The postmaster's pid from Dir/data/postmaster.pid; 0 when there is none
/// (yet). Called from the interrupt handler, hence no allocation: only open,
/// read and close, which are async-signal-safe.
pid_t postmasterPidInSignal(const std::string &Dir) {
  static constexpr char PidFile[] = "/data/postmaster.pid";
  char Path[PATH_MAX];
  if (Dir.size() + sizeof(PidFile) > sizeof(Path))
    return 0;
  std::memcpy(Path, Dir.data(), Dir.size());
  std::memcpy(Path + Dir.size(), PidFile, sizeof(PidFile));
  int FD = ::open(Path, O_RDONLY | O_CLOEXEC);
  if (FD < 0)
    return 0;
  char Buffer[16];
  ssize_t Size = ::read(FD, Buffer, sizeof(Buffer));
  ::close(FD);
  pid_t Pid = 0;
  for (ssize_t I = 0; I < Size && Buffer[I] >= '0' && Buffer[I] <= '9'; ++I)
    Pid = Pid * 10 + (Buffer[I] - '0');
  return Pid;
}

/// On an interrupt (LLVM routes SIGINT, SIGTERM, SIGHUP and SIGUSR2 here): an
/// immediate shutdown (SIGQUIT to the postmaster) and the directory removed.
/// The pid is read now rather than when the server started, so that a
/// postmaster that pg_ctl was still starting goes too. LLVM has put back the
/// handlers found at start-up and expects the function to end the process:
/// it does, as an interrupt.
void stopAllOnInterrupt() {
  for (const std::string &Dir : Live) {
    if (pid_t Pid = postmasterPidInSignal(Dir))
      ::kill(Pid, SIGQUIT);
    llvm::sys::fs::remove_directories(Dir, /*IgnoreErrors=*/true);
  }
  // LLVM put back the disposition found at start-up, which is SIG_IGN in a
  // background job of a shell without job control: the raise would return,
  // and the process go on without its server.
  ::signal(SIGINT, SIG_DFL);
  ::raise(SIGINT);
}

} // namespace

llvm::Expected<std::string> schemac::findPostgresBinDir() {
  if (auto PgConfig = llvm::sys::findProgramByName("pg_config")) {
    llvm::SmallString<128> Out;
    if (!llvm::sys::fs::createTemporaryFile("schemac-pg-config", "txt", Out)) {
      llvm::Optional<llvm::StringRef> Redirects[] = {
          llvm::StringRef(""), Out.str(), llvm::StringRef("")};
      int Status = llvm::sys::ExecuteAndWait(
          *PgConfig, {"pg_config", "--bindir"}, llvm::None, Redirects);
      auto Buffer = llvm::MemoryBuffer::getFile(Out);
      llvm::sys::fs::remove(Out);
      if (Status == 0 && Buffer &&
          hasServerTools((*Buffer)->getBuffer().trim()))
        return (*Buffer)->getBuffer().trim().str();
    }
  }
  // Debian keeps each major version's server under its own directory.
  std::vector<std::pair<unsigned, std::string>> Found;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It("/usr/lib/postgresql", EC), End;
       It != End && !EC; It.increment(EC)) {
    unsigned Major = 0;
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    llvm::SmallString<128> Bin(It->path());
    llvm::sys::path::append(Bin, "bin");
    if (!Name.getAsInteger(10, Major) && hasServerTools(Bin))
      Found.emplace_back(Major, Bin.str().str());
  }
  if (Found.empty())
    return llvm::createStringError(
        std::errc::no_such_file_or_directory,
        "no PostgreSQL server found: neither `pg_config --bindir` nor "
        "/usr/lib/postgresql/*/bin has initdb, pg_ctl and postgres (install "
        "postgresql-15)");
  return std::max_element(Found.begin(), Found.end())->second;
}

llvm::Expected<std::unique_ptr<TempServer>> TempServer::start() {
  std::unique_ptr<TempServer> Server(new TempServer());
  if (llvm::Error E = Server->init())
    return E; // the destructor cleans up what was made
  return Server;
}

llvm::Error TempServer::init() {
  auto Bin = findPostgresBinDir();
  if (!Bin)
    return Bin.takeError();
  BinDir = *Bin;

  // In /tmp, whatever $TMPDIR says: a socket path must fit in 107 bytes,
  // and the postgres user must be able to reach it.
  llvm::SmallString<64> Path;
  if (std::error_code EC =
          llvm::sys::fs::createUniqueDirectory("/tmp/schemac-pg", Path))
    return llvm::createStringError(EC, "cannot create a directory in /tmp");
  Dir = Path.str().str();
  {
    std::lock_guard<std::mutex> Lock(LiveMutex);
    Live.insert(Dir);
  }
  llvm::sys::SetInterruptFunction(stopAllOnInterrupt);
  if (::geteuid() == 0) {
    struct passwd *User = ::getpwnam(Superuser);
    if (!User)
      return llvm::createStringError(
          std::errc::operation_not_permitted,
          "running as root, and there is no `postgres` user to run the "
          "server as");
    if (::chown(Dir.c_str(), User->pw_uid, User->pw_gid) != 0)
      return llvm::createStringError(
          std::error_code(errno, std::generic_category()),
          "cannot give %s to the postgres user", Dir.c_str());
  }
  std::string Data = Dir + "/data";
  std::string Log = Dir + "/server.log";
  if (llvm::Error E = runTool(BinDir, "initdb",
                              {"-D", Data, "-U", Superuser, "-A", "trust", "-E",
                               "UTF8", "--locale=C", "--no-sync"},
                              Dir + "/initdb.log"))
    return E;
  // Durability is not wanted from a scratch server: speed is.
  std::string Options = fmt::format(
      "-c listen_addresses='' -c unix_socket_directories='{}' -c port={} "
      "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
      Dir, Port);
  if (llvm::Error E =
          runTool(BinDir, "pg_ctl",
                  {"-D", Data, "-l", Log, "-w", "-o", Options, "start"},
                  Dir + "/pg_ctl.log"))
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s%s",
                                   llvm::toString(std::move(E)).c_str(),
                                   logTail(Log).c_str());
  Started = true;
  return llvm::Error::success();
}

std::string TempServer::conninfo(llvm::StringRef DBName) const {
  return "host=" + Dir + " port=" + std::to_string(Port) +
         " user=" + Superuser + " dbname=" + DBName.str();
}

unsigned TempServer::port() const { return Port; }

llvm::StringRef TempServer::user() const { return Superuser; }

void TempServer::stop() {
  if (Dir.empty())
    return;
  // Also when pg_ctl start failed: it may have given up waiting on a server
  // that came up after all.
  if (Started || llvm::sys::fs::exists(Dir + "/data/postmaster.pid"))
    llvm::consumeError(
        runTool(BinDir, "pg_ctl",
                {"-D", Dir + "/data", "-m", "immediate", "-w", "stop"},
                Dir + "/pg_ctl.log"));
  Started = false;
  llvm::sys::fs::remove_directories(Dir, /*IgnoreErrors=*/true);
  // Only now: an interrupt while pg_ctl stops the server still removes it.
  {
    std::lock_guard<std::mutex> Lock(LiveMutex);
    Live.erase(Dir);
  }
  Dir.clear();
}

TempServer::~TempServer() { stop(); }
