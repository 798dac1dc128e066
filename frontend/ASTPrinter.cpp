//===- ASTPrinter.cpp - Text dump of the AST for `--emit=ast` -------------===//
//
// One node per line, indented by depth, with `line:col` of each declaration;
// expressions print as S-expressions so a test can see the tree's shape
// (precedence, grouping) at a glance.
//===----------------------------------------------------------------------===//

#include "frontend/ASTPrinter.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace schemac;
using namespace schemac::ast;

namespace {

class ASTPrinter {
public:
  ASTPrinter(const llvm::SourceMgr &SM, llvm::raw_ostream &OS)
      : SM(SM), OS(OS) {}

  void printModule(const Module &M) {
    OS << "Module '" << SM.getMemoryBuffer(M.BufferID)->getBufferIdentifier()
       << "'\n";
    for (const DeclPtr &D : M.Decls)
      printDecl(*D, 1);
  }

private:
  llvm::raw_ostream &indent(unsigned Depth) { return OS.indent(Depth * 2); }

  // Line and column from a table of line starts built once per buffer:
  // SourceMgr::getLineAndColumn scans back to the line start on every call,
  // which is quadratic on a file written as one long line.
  void printLoc(llvm::SMLoc Loc) {
    unsigned BufferID = SM.FindBufferContainingLoc(Loc);
    const llvm::MemoryBuffer *Buffer = SM.getMemoryBuffer(BufferID);
    if (BufferID != LineStartsOf) {
      LineStarts.assign(1, 0);
      llvm::StringRef Text = Buffer->getBuffer();
      for (size_t I = 0; I < Text.size(); ++I)
        if (Text[I] == '\n')
          LineStarts.push_back(I + 1);
      LineStartsOf = BufferID;
    }
    size_t Offset = Loc.getPointer() - Buffer->getBufferStart();
    size_t Line = llvm::upper_bound(LineStarts, Offset) - LineStarts.begin();
    OS << " <" << Line << ":" << (Offset - LineStarts[Line - 1] + 1) << ">";
  }

  static std::string name(const Name &N) {
    if (!N.Quoted)
      return N.Text;
    std::string Out = "\"";
    for (char C : N.Text)
      Out += C == '"' ? "\"\"" : std::string(1, C);
    return Out + "\"";
  }
  static std::string name(const QualifiedName &Q) {
    return Q.Schema ? name(*Q.Schema) + "." + name(Q.Object) : name(Q.Object);
  }
  static std::string names(llvm::ArrayRef<Name> Names) {
    std::string S;
    for (const Name &N : Names) {
      if (!S.empty())
        S += ", ";
      S += name(N);
    }
    return S;
  }

  void printAnnotations(llvm::ArrayRef<Annotation> Anns, unsigned Depth) {
    for (const Annotation &A : Anns) {
      indent(Depth) << "Annotation @" << A.Key.Text << "(";
      for (size_t I = 0; I < A.Args.size(); ++I)
        OS << (I ? ", " : "") << "'" << A.Args[I].Text << "'";
      OS << ")\n";
    }
  }

  void printDecl(const Decl &D, unsigned Depth) {
    switch (D.getKind()) {
    case Decl::Kind::Database:
    case Decl::Kind::Naming: {
      const auto &S = llvm::cast<SettingsDecl>(D);
      indent(Depth) << (D.getKind() == Decl::Kind::Database ? "DatabaseDecl"
                                                            : "NamingDecl");
      printLoc(D.getRange().Start);
      OS << "\n";
      for (const Setting &Set : S.getSettings()) {
        indent(Depth + 1) << "Setting " << Set.Key.Text << " = ";
        if (Set.IsList)
          OS << "[";
        for (size_t I = 0; I < Set.Values.size(); ++I)
          OS << (I ? ", " : "") << "'" << Set.Values[I].Text << "'";
        if (Set.IsList)
          OS << "]";
        OS << "\n";
      }
      return;
    }
    case Decl::Kind::Extension:
      indent(Depth) << "ExtensionDecl "
                    << name(llvm::cast<ExtensionDecl>(D).getName());
      printLoc(D.getRange().Start);
      OS << "\n";
      return;
    case Decl::Kind::Schema: {
      const auto &S = llvm::cast<SchemaDecl>(D);
      indent(Depth) << "SchemaDecl " << name(S.getName());
      printLoc(D.getRange().Start);
      OS << "\n";
      for (const DeclPtr &M : S.getMembers())
        printDecl(*M, Depth + 1);
      return;
    }
    case Decl::Kind::Enum: {
      const auto &E = llvm::cast<EnumDecl>(D);
      indent(Depth) << "EnumDecl " << name(E.getName());
      printLoc(D.getRange().Start);
      OS << "\n";
      printAnnotations(D.getAnnotations(), Depth + 1);
      for (const Name &L : E.getLabels())
        indent(Depth + 1) << "Label '" << L.Text << "'\n";
      return;
    }
    case Decl::Kind::Table:
      printTable(llvm::cast<TableDecl>(D), Depth);
      return;
    }
  }

  void printTable(const TableDecl &T, unsigned Depth) {
    indent(Depth) << "TableDecl " << name(T.getName());
    printLoc(T.getRange().Start);
    OS << "\n";
    printAnnotations(T.getAnnotations(), Depth + 1);
    for (const Column &C : T.Columns)
      printColumn(C, Depth + 1);
    for (const TableConstraint &C : T.Constraints)
      printConstraint(C, Depth + 1);
    for (const Index &I : T.Indexes)
      printIndex(I, Depth + 1);
    if (T.Comment)
      indent(Depth + 1) << "Comment '" << T.Comment->Text << "'\n";
  }

  void printType(const TypeRef &T) {
    OS << name(T.Base);
    if (!T.Modifiers.empty()) {
      OS << "(";
      for (size_t I = 0; I < T.Modifiers.size(); ++I)
        OS << (I ? ", " : "") << T.Modifiers[I];
      OS << ")";
    }
    if (T.WithTimeZone)
      OS << (*T.WithTimeZone ? " with time zone" : " without time zone");
    for (unsigned I = 0; I < T.ArrayDims; ++I)
      OS << "[]";
  }

  static const char *actionName(ReferentialAction A) {
    switch (A) {
    case ReferentialAction::NoAction:
      return "no action";
    case ReferentialAction::Restrict:
      return "restrict";
    case ReferentialAction::Cascade:
      return "cascade";
    case ReferentialAction::SetNull:
      return "set null";
    case ReferentialAction::SetDefault:
      return "set default";
    }
    return "";
  }

  void printReferences(const ReferencesClause &R) {
    OS << "references " << name(R.Table);
    if (!R.Columns.empty())
      OS << " (" << names(R.Columns) << ")";
    if (R.OnDelete)
      OS << " on delete " << actionName(*R.OnDelete);
    if (R.OnUpdate)
      OS << " on update " << actionName(*R.OnUpdate);
    if (R.Deferrable)
      OS << (R.InitiallyDeferred ? " deferrable initially deferred"
                                 : " deferrable");
  }

  void printColumn(const Column &C, unsigned Depth) {
    indent(Depth) << "Column " << name(C.ColumnName) << " : ";
    printType(C.Type);
    printLoc(C.Range.Start);
    OS << "\n";
    printAnnotations(C.Annotations, Depth + 1);
    for (const ColumnClause &Cl : C.Clauses) {
      indent(Depth + 1);
      using K = ColumnClause::Kind;
      switch (Cl.K) {
      case K::NotNull:
        OS << "NotNull";
        break;
      case K::Null:
        OS << "Null";
        break;
      case K::PrimaryKey:
        OS << "PrimaryKey";
        break;
      case K::Unique:
        OS << (Cl.NullsNotDistinct ? "Unique nulls not distinct" : "Unique");
        break;
      case K::Default:
        OS << "Default ";
        printExpr(*Cl.Expression);
        break;
      case K::References:
        OS << "References ";
        printReferences(*Cl.References);
        break;
      case K::Check:
        OS << "Check";
        if (Cl.ConstraintName)
          OS << " " << name(*Cl.ConstraintName);
        OS << " ";
        printExpr(*Cl.Expression);
        break;
      case K::Generated:
        OS << "Generated ";
        printExpr(*Cl.Expression);
        break;
      case K::Identity:
        OS << (Cl.IdentityAlways ? "Identity always" : "Identity by default");
        break;
      case K::Collate:
        OS << "Collate '" << Cl.Text.Text << "'";
        break;
      case K::Comment:
        OS << "Comment '" << Cl.Text.Text << "'";
        break;
      }
      OS << "\n";
    }
  }

  void printConstraint(const TableConstraint &C, unsigned Depth) {
    static const char *Kinds[] = {"PrimaryKey", "ForeignKey", "Unique",
                                  "Check"};
    indent(Depth) << Kinds[static_cast<int>(C.K)];
    if (C.ConstraintName)
      OS << " " << name(*C.ConstraintName);
    if (!C.Columns.empty())
      OS << " (" << names(C.Columns) << ")";
    if (C.NullsNotDistinct)
      OS << " nulls not distinct";
    if (C.References) {
      OS << " ";
      printReferences(*C.References);
    }
    if (C.Check) {
      OS << " ";
      printExpr(*C.Check);
    }
    printLoc(C.Range.Start);
    OS << "\n";
    printAnnotations(C.Annotations, Depth + 1);
  }

  void printIndex(const Index &I, unsigned Depth) {
    indent(Depth) << (I.Unique ? "UniqueIndex" : "Index");
    if (I.IndexName)
      OS << " " << name(*I.IndexName);
    if (I.Method)
      OS << " using " << name(*I.Method);
    if (I.NullsNotDistinct)
      OS << " nulls not distinct";
    printLoc(I.Range.Start);
    OS << "\n";
    printAnnotations(I.Annotations, Depth + 1);
    for (const IndexElement &E : I.Elements) {
      indent(Depth + 1) << "Element ";
      if (E.ColumnName)
        OS << name(*E.ColumnName);
      else
        printExpr(*E.Expression);
      if (E.Opclass)
        OS << " opclass " << name(*E.Opclass);
      if (E.Direction != IndexElement::Order::Default)
        OS << (E.Direction == IndexElement::Order::Asc ? " asc" : " desc");
      if (E.NullsOrder != IndexElement::Nulls::Default)
        OS << (E.NullsOrder == IndexElement::Nulls::First ? " nulls first"
                                                          : " nulls last");
      OS << "\n";
    }
    if (!I.Include.empty())
      indent(Depth + 1) << "Include (" << names(I.Include) << ")\n";
    for (const IndexOption &O : I.Options)
      indent(Depth + 1) << "With " << O.Key.Text << " = " << O.Value << "\n";
    if (I.Where) {
      indent(Depth + 1) << "Where ";
      printExpr(*I.Where);
      OS << "\n";
    }
  }

  void printExprs(llvm::ArrayRef<ExprPtr> Exprs) {
    for (const ExprPtr &E : Exprs) {
      OS << " ";
      printExpr(*E);
    }
  }

  void printExpr(const Expr &E) {
    switch (E.getKind()) {
    case Expr::Kind::Literal: {
      const auto &L = llvm::cast<LiteralExpr>(E);
      if (L.getLiteralKind() == LiteralExpr::LiteralKind::String)
        OS << "'" << L.getValue() << "'";
      else
        OS << L.getValue();
      return;
    }
    case Expr::Kind::ColumnRef:
      OS << name(llvm::cast<ColumnRefExpr>(E).getName());
      return;
    case Expr::Kind::Call: {
      const auto &C = llvm::cast<CallExpr>(E);
      OS << "(call " << name(C.getCallee());
      if (C.isDistinct())
        OS << " distinct";
      if (C.isStar())
        OS << " *";
      printExprs(C.getArgs());
      OS << ")";
      return;
    }
    case Expr::Kind::Cast: {
      const auto &C = llvm::cast<CastExpr>(E);
      OS << "(cast ";
      printExpr(C.getOperand());
      OS << " ";
      printType(C.getType());
      OS << ")";
      return;
    }
    case Expr::Kind::Unary: {
      const auto &U = llvm::cast<UnaryExpr>(E);
      OS << "(" << U.getOp() << " ";
      printExpr(U.getOperand());
      OS << ")";
      return;
    }
    case Expr::Kind::Binary: {
      const auto &B = llvm::cast<BinaryExpr>(E);
      OS << "(";
      if (B.getOpSchema())
        OS << "operator " << B.getOpSchema()->Text << ".";
      OS << B.getOp() << " ";
      printExpr(B.getLHS());
      OS << " ";
      printExpr(B.getRHS());
      OS << ")";
      return;
    }
    case Expr::Kind::Is: {
      const auto &I = llvm::cast<IsExpr>(E);
      static const char *Tests[] = {"null", "true", "false"};
      OS << "(is" << (I.isNegated() ? " not " : " ")
         << Tests[static_cast<int>(I.getTest())] << " ";
      printExpr(I.getOperand());
      OS << ")";
      return;
    }
    case Expr::Kind::In: {
      const auto &I = llvm::cast<InExpr>(E);
      OS << (I.isNegated() ? "(not in " : "(in ");
      printExpr(I.getOperand());
      printExprs(I.getList());
      OS << ")";
      return;
    }
    case Expr::Kind::Like: {
      const auto &L = llvm::cast<LikeExpr>(E);
      OS << "(" << (L.isNegated() ? "not " : "")
         << (L.isCaseInsensitive() ? "ilike " : "like ");
      printExpr(L.getOperand());
      OS << " ";
      printExpr(L.getPattern());
      OS << ")";
      return;
    }
    case Expr::Kind::Not:
      OS << "(not ";
      printExpr(llvm::cast<NotExpr>(E).getOperand());
      OS << ")";
      return;
    case Expr::Kind::Array:
      OS << "(array";
      printExprs(llvm::cast<ArrayExpr>(E).getElements());
      OS << ")";
      return;
    case Expr::Kind::Case: {
      const auto &C = llvm::cast<CaseExpr>(E);
      OS << "(case";
      if (C.getOperand()) {
        OS << " ";
        printExpr(*C.getOperand());
      }
      for (const CaseExpr::When &W : C.getWhens()) {
        OS << " (when ";
        printExpr(*W.Condition);
        OS << " ";
        printExpr(*W.Result);
        OS << ")";
      }
      if (C.getElse()) {
        OS << " (else ";
        printExpr(*C.getElse());
        OS << ")";
      }
      OS << ")";
      return;
    }
    }
  }

  const llvm::SourceMgr &SM;
  llvm::raw_ostream &OS;
  std::vector<size_t> LineStarts;
  unsigned LineStartsOf = 0;
};

} // namespace

void schemac::printAST(const Module &M, const llvm::SourceMgr &SM,
                       llvm::raw_ostream &OS) {
  ASTPrinter(SM, OS).printModule(M);
}
