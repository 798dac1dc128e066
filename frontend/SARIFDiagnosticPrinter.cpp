//===- SARIFDiagnosticPrinter.cpp - Diagnostics as SARIF 2.1.0 ------------===//

#include "frontend/SARIFDiagnosticPrinter.h"

#include "frontend/CheckRegistry.h"
#include "frontend/JSONText.h"
#include "llvm/ADT/StringExtras.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <optional>

using namespace llvm;
using namespace schemac;

static constexpr const char *SchemaURI =
    "https://json.schemastore.org/sarif-2.1.0.json";
static constexpr const char *InformationURI =
    "https://github.com/schemac/schemac";

/// A file path as a relative URI reference (RFC 3986): bytes outside the
/// unreserved set and '/' are percent-encoded, so spaces, '#' and non-ASCII
/// names stay one valid reference.
static std::string toURIReference(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || C == '-' || C == '.' || C == '_' || C == '~' ||
        C == '/') {
      Out += static_cast<char>(C);
      continue;
    }
    Out += '%';
    Out += llvm::hexdigit(C >> 4);
    Out += llvm::hexdigit(C & 15);
  }
  return Out;
}

namespace {
using Position = SourcePosition;

/// A range resolved to lines and columns; End is exclusive.
struct Region {
  StringRef File;
  Position Start;
  Position End;
};
} // namespace

static std::optional<Region> findRegion(const SourceMgr &SM, SMRange Range) {
  std::optional<Position> Start = findSourcePosition(SM, Range.Start);
  if (!Start)
    return std::nullopt;
  Position End = *Start;
  if (Range.End.isValid() &&
      Range.End.getPointer() > Range.Start.getPointer()) {
    std::optional<Position> RangeEnd = findSourcePosition(SM, Range.End);
    // A range ending in another buffer is nonsense; keep the point.
    if (RangeEnd && RangeEnd->BufferID == Start->BufferID)
      End = *RangeEnd;
  }
  return Region{Start->File, *Start, End};
}

static void writeMessage(json::OStream &J, StringRef Text) {
  J.attributeObject("message",
                    [&] { J.attribute("text", toJSONString(Text)); });
}

/// Writes a physicalLocation attribute for \p R.
static void writePhysicalLocation(json::OStream &J, const Region &R) {
  J.attributeObject("physicalLocation", [&] {
    J.attributeObject("artifactLocation",
                      [&] { J.attribute("uri", toURIReference(R.File)); });
    J.attributeObject("region", [&] {
      J.attribute("startLine", R.Start.Line);
      J.attribute("startColumn", R.Start.Column);
      J.attribute("endLine", R.End.Line);
      J.attribute("endColumn", R.End.Column);
    });
  });
}

SARIFDiagnosticPrinter::SARIFDiagnosticPrinter(const SourceMgr &SM,
                                               raw_ostream &OS,
                                               StringRef ToolVersion)
    : SM(SM), OS(OS), ToolVersion(ToolVersion.str()) {}

void SARIFDiagnosticPrinter::handle(const Diagnostic &D) {
  Diagnostics.push_back(D);
}

bool SARIFDiagnosticPrinter::finish() {
  ArrayRef<CheckInfo> Checks = allChecks();
  StringMap<unsigned> RuleIndex;
  for (unsigned I = 0, E = Checks.size(); I != E; ++I)
    RuleIndex.try_emplace(Checks[I].Name, I);

  {
    json::OStream J(OS, /*IndentSize=*/2);
    J.object([&] {
      J.attribute("$schema", SchemaURI);
      J.attribute("version", "2.1.0");
      J.attributeArray("runs", [&] {
        J.object([&] {
          J.attributeObject("tool", [&] {
            J.attributeObject("driver", [&] {
              J.attribute("name", "schemac");
              J.attribute("version", toJSONString(ToolVersion));
              J.attribute("informationUri", InformationURI);
              J.attributeArray("rules", [&] {
                for (const CheckInfo &C : Checks) {
                  J.object([&] {
                    J.attribute("id", toJSONString(C.Name));
                    J.attribute("name", toJSONString(C.Name));
                    J.attributeObject("shortDescription", [&] {
                      J.attribute("text", toJSONString(C.Summary));
                    });
                    J.attributeObject("fullDescription", [&] {
                      J.attribute("text", toJSONString(C.Help));
                    });
                    J.attributeObject("help", [&] {
                      J.attribute("text", toJSONString(C.Help));
                    });
                    J.attributeObject("defaultConfiguration", [&] {
                      J.attribute("level", getSeverityName(C.DefaultLevel));
                    });
                  });
                }
              });
            });
          });

          J.attributeArray("results", [&] {
            for (const Diagnostic &D : Diagnostics) {
              J.object([&] {
                if (!D.CheckName.empty()) {
                  J.attribute("ruleId", toJSONString(D.CheckName));
                  // A check missing from Checks.def still names its rule;
                  // SARIF allows ruleId without ruleIndex.
                  auto It = RuleIndex.find(D.CheckName);
                  if (It != RuleIndex.end())
                    J.attribute("ruleIndex", It->second);
                }
                J.attribute("level", getSeverityName(D.Level));
                writeMessage(J, D.Message);
                if (std::optional<Region> R = findRegion(SM, D.Range)) {
                  J.attributeArray("locations", [&] {
                    J.object([&] { writePhysicalLocation(J, *R); });
                  });
                }

                bool AnyRelated = false;
                for (const DiagnosticNote &Note : D.Notes)
                  AnyRelated |= findRegion(SM, Note.Range).has_value();
                if (!AnyRelated)
                  return;
                J.attributeArray("relatedLocations", [&] {
                  unsigned ID = 0;
                  for (const DiagnosticNote &Note : D.Notes) {
                    std::optional<Region> R = findRegion(SM, Note.Range);
                    if (!R)
                      continue;
                    J.object([&] {
                      J.attribute("id", ID++);
                      writeMessage(J, Note.Message);
                      writePhysicalLocation(J, *R);
                    });
                  }
                });
              });
            }
          });
        });
      });
    });
  }
  OS << '\n';
  return true;
}
