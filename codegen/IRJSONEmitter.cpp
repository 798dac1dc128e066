//===- IRJSONEmitter.cpp - The IR as JSON, for tools ----------------------===//

#include "codegen/IRJSONEmitter.h"
#include "codegen/SQLFormat.h"

#include "llvm/Support/JSON.h"

using namespace schemac;

namespace {

class Writer {
public:
  explicit Writer(llvm::raw_ostream &OS) : J(OS, 2) {}

  void schema(const ir::Schema &S) {
    J.object([&] {
      strings("namespaces", S.Namespaces);
      strings("extensions", S.Extensions);
      strings("search_path", S.SearchPath);
      strings("exclude", S.Exclude);
      J.attributeArray("enums", [&] {
        for (const ir::Enum &E : S.Enums)
          J.object([&] {
            name(E.Name);
            strings("labels", E.Labels);
            if (!E.RenamedFrom.empty())
              strings("renamed_from", E.RenamedFrom);
          });
      });
      J.attributeArray("tables", [&] {
        for (const ir::Table &T : S.Tables)
          table(T);
      });
    });
  }

private:
  void strings(llvm::StringRef Key, const std::vector<std::string> &Values) {
    J.attributeArray(Key, [&] {
      for (const std::string &V : Values)
        J.value(V);
    });
  }

  void name(const ir::QualifiedName &N) {
    J.attribute("schema", N.Schema);
    J.attribute("name", N.Name);
  }

  void type(const ir::Type &T) {
    static const char *Kinds[] = {"builtin", "enum", "extension"};
    J.attributeObject("type", [&] {
      J.attribute("sql", sql::formatType(T));
      J.attribute("kind", Kinds[static_cast<int>(T.K)]);
      if (!T.Schema.empty())
        J.attribute("schema", T.Schema);
      J.attribute("name", T.Name);
      J.attributeArray("modifiers", [&] {
        for (int64_t M : T.Modifiers)
          J.value(M);
      });
      J.attribute("array_dims", static_cast<int64_t>(T.ArrayDims));
    });
  }

  void exprTree(const ir::Expr &E) {
    static const char *Kinds[] = {
        "number", "string", "bool",  "null",   "column", "keyword",
        "call",   "cast",   "unary", "binary", "is",     "in",
        "like",   "not",    "array", "case",   "sql"};
    static_assert(std::size(Kinds) ==
                      static_cast<size_t>(ir::Expr::Kind::Sql) + 1,
                  "a name for every expression kind");
    J.object([&] {
      J.attribute("kind", Kinds[static_cast<int>(E.K)]);
      if (!E.Text.empty())
        J.attribute("text", E.Text);
      if (!E.Schema.empty())
        J.attribute("schema", E.Schema);
      if (E.Negated)
        J.attribute("negated", true);
      if (E.Star)
        J.attribute("star", true);
      if (E.Distinct)
        J.attribute("distinct", true);
      if (E.CastType)
        J.attribute("type", sql::formatType(*E.CastType));
      if (!E.Args.empty())
        J.attributeArray("args", [&] {
          for (const ir::Expr &A : E.Args)
            exprTree(A);
        });
    });
  }

  template <typename ExprRef> void expr(llvm::StringRef Key, const ExprRef &E) {
    if (!E)
      return;
    J.attributeObject(Key, [&] {
      J.attribute("sql", sql::formatExpr(*E));
      J.attributeBegin("tree");
      exprTree(*E);
      J.attributeEnd();
    });
  }

  void table(const ir::Table &T) {
    J.object([&] {
      name(T.Name);
      if (!T.Comment.empty())
        J.attribute("comment", T.Comment);
      if (!T.RenamedFrom.empty())
        strings("renamed_from", T.RenamedFrom);
      J.attributeArray("columns", [&] {
        for (const ir::Column &C : T.Columns)
          column(C);
      });
      J.attributeArray("constraints", [&] {
        for (const ir::Constraint &C : T.Constraints)
          constraint(C);
      });
      J.attributeArray("indexes", [&] {
        for (const ir::Index &I : T.Indexes)
          index(I);
      });
    });
  }

  void column(const ir::Column &C) {
    static const char *Identities[] = {"none", "always", "by default"};
    J.object([&] {
      J.attribute("name", C.Name);
      type(C.Ty);
      J.attribute("not_null", C.NotNull);
      expr("default", C.Default);
      if (C.Ident != ir::Identity::None)
        J.attribute("identity", Identities[static_cast<int>(C.Ident)]);
      expr("generated", C.Generated);
      if (!C.SerialSequence.empty())
        J.attribute("serial_sequence", C.SerialSequence);
      if (!C.Collation.empty())
        J.attribute("collation", C.Collation);
      if (!C.Comment.empty())
        J.attribute("comment", C.Comment);
      if (!C.RenamedFrom.empty())
        strings("renamed_from", C.RenamedFrom);
    });
  }

  void constraint(const ir::Constraint &C) {
    static const char *Kinds[] = {"primary_key", "foreign_key", "unique",
                                  "check"};
    J.object([&] {
      J.attribute("kind", Kinds[static_cast<int>(C.K)]);
      J.attribute("name", C.Name);
      if (!C.Columns.empty())
        strings("columns", C.Columns);
      if (C.K == ir::Constraint::Kind::ForeignKey) {
        J.attributeObject("references", [&] {
          name(C.RefTable);
          strings("columns", C.RefColumns);
        });
        J.attribute("on_delete", sql::formatAction(C.OnDelete));
        J.attribute("on_update", sql::formatAction(C.OnUpdate));
        J.attribute("deferrable", C.Deferrable);
        J.attribute("initially_deferred", C.InitiallyDeferred);
      }
      if (C.NullsNotDistinct)
        J.attribute("nulls_not_distinct", true);
      expr("check", C.Check);
    });
  }

  void index(const ir::Index &I) {
    J.object([&] {
      J.attribute("name", I.Name);
      J.attribute("unique", I.Unique);
      J.attribute("method", I.Method);
      J.attributeArray("elements", [&] {
        for (const ir::IndexElement &E : I.Elements)
          J.object([&] {
            if (E.Expression)
              expr("expression", E.Expression);
            else
              J.attribute("column", E.Column);
            if (!E.Opclass.empty())
              J.attribute("opclass", E.Opclass);
            if (E.Descending)
              J.attribute("descending", true);
            if (E.NullsOrder != ir::IndexElement::Nulls::Default)
              J.attribute("nulls",
                          E.NullsOrder == ir::IndexElement::Nulls::First
                              ? "first"
                              : "last");
          });
      });
      if (!I.Include.empty())
        strings("include", I.Include);
      if (I.NullsNotDistinct)
        J.attribute("nulls_not_distinct", true);
      if (!I.Options.empty())
        J.attributeObject("with", [&] {
          for (const auto &[Key, Value] : I.Options)
            J.attribute(Key, Value);
        });
      expr("where", I.Where);
    });
  }

  llvm::json::OStream J;
};

} // namespace

llvm::Error IRJSONEmitter::emit(const ir::Schema &Schema, OutputContext &Out) {
  Writer(Out.stream()).schema(Schema);
  Out.stream() << "\n";
  return llvm::Error::success();
}
