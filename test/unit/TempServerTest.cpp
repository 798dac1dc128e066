//===- TempServerTest.cpp - The throwaway PostgreSQL server ---------------===//

#include "runtime/TempServer.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include "gtest/gtest.h"

#include <pqxx/pqxx>

#include <chrono>
#include <csignal>
#include <fstream>
#include <thread>

#include <unistd.h>

using namespace schemac;

namespace {

TEST(TempServerTest, ServesAndLeavesNothingBehind) {
  std::string Dir;
  {
    auto Server = TempServer::start();
    ASSERT_TRUE(bool(Server)) << llvm::toString(Server.takeError());
    Dir = (*Server)->directory();
    ASSERT_TRUE(llvm::sys::fs::is_directory(Dir));
    pqxx::connection C((*Server)->conninfo());
    pqxx::work W(C);
    // A server of our own: PostgreSQL 15 or later, on the socket only.
    EXPECT_GE(W.exec1("SHOW server_version_num")[0].as<int>(), 150000);
    EXPECT_EQ(W.exec1("SHOW listen_addresses")[0].as<std::string>(), "");
  }
  EXPECT_FALSE(llvm::sys::fs::exists(Dir));
}

TEST(TempServerTest, TwoAtOnceDoNotClash) {
  auto A = TempServer::start();
  ASSERT_TRUE(bool(A)) << llvm::toString(A.takeError());
  auto B = TempServer::start();
  ASSERT_TRUE(bool(B)) << llvm::toString(B.takeError());
  EXPECT_NE((*A)->directory(), (*B)->directory());
  pqxx::connection CA((*A)->conninfo()), CB((*B)->conninfo());
  pqxx::nontransaction(CA).exec0("CREATE TABLE only_in_a (x int)");
  pqxx::nontransaction WB(CB);
  EXPECT_EQ(
      WB.exec1("SELECT count(*) FROM pg_class WHERE relname = 'only_in_a'")[0]
          .as<int>(),
      0);
}

TEST(TempServerDeathTest, InterruptStopsTheServerAndRemovesIt) {
  llvm::SmallString<128> Note;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("tempserver", "txt", Note));
  std::string NotePath = Note.str().str();
  // The child starts a server, says where it is, and is interrupted.
  EXPECT_EXIT(
      {
        auto Server = TempServer::start();
        if (!Server)
          std::_Exit(3);
        std::ifstream Pid((*Server)->directory() + "/data/postmaster.pid");
        std::string Line;
        std::getline(Pid, Line);
        std::ofstream(NotePath) << (*Server)->directory() << "\n"
                                << Line << "\n";
        std::raise(SIGINT);
        std::_Exit(4);
      },
      testing::KilledBySignal(SIGINT), "");
  auto Buffer = llvm::MemoryBuffer::getFile(NotePath);
  ASSERT_TRUE(bool(Buffer));
  auto [Dir, Rest] = (*Buffer)->getBuffer().split('\n');
  pid_t Postmaster = 0;
  ASSERT_TRUE(llvm::to_integer(Rest.trim(), Postmaster));
  EXPECT_FALSE(llvm::sys::fs::exists(Dir));
  // The postmaster goes on SIGQUIT; give it a moment.
  bool Gone = false;
  for (int I = 0; I < 100 && !Gone; ++I) {
    Gone = ::kill(Postmaster, 0) != 0;
    if (!Gone)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(Gone) << "postmaster " << Postmaster << " still runs";
  llvm::sys::fs::remove(NotePath);
}

} // namespace
