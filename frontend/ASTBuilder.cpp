//===- ASTBuilder.cpp - Lowers the ANTLR parse tree into our AST ----------===//

#include "frontend/ASTBuilder.h"
#include "frontend/Parser.h"

#include "llvm/ADT/StringExtras.h"

using namespace schemac;
using namespace schemac::ast;

/// Whether Node is exactly a T. Generated contexts are final in practice,
/// and comparing type_info costs far less than dynamic_cast, which walks
/// the class hierarchy comparing names (a fifth of the time of a large
/// compile went there).
template <typename T> static T *exactly(antlr4::tree::ParseTree *Node) {
  // The classes have key functions, so each has one type_info object and
  // comparing addresses is enough (operator== would fall back to strcmp).
  return &typeid(*Node) == &typeid(T) ? static_cast<T *>(Node) : nullptr;
}

/// The rule index of a child, or ~0 for a token.
static size_t ruleOf(antlr4::tree::ParseTree *Node) {
  if (&typeid(*Node) == &typeid(antlr4::tree::TerminalNodeImpl))
    return ~size_t(0);
  return static_cast<antlr4::ParserRuleContext *>(Node)->getRuleIndex();
}

llvm::SMRange ASTBuilder::range(antlr4::Token *Tok) const {
  return {Locator.locate(Tok->getStartIndex()),
          Locator.locate(Tok->getStopIndex() + 1)};
}

llvm::SMRange ASTBuilder::range(antlr4::ParserRuleContext &Ctx) const {
  antlr4::Token *Stop = Ctx.getStop() ? Ctx.getStop() : Ctx.getStart();
  return {Locator.locate(Ctx.getStart()->getStartIndex()),
          Locator.locate(Stop->getStopIndex() + 1)};
}

/// Removes the surrounding quotes and undoes doubled quotes, as SQL does.
static std::string unquote(llvm::StringRef Text) {
  char Quote = Text.front();
  llvm::StringRef Body = Text.drop_front().drop_back();
  std::string Out;
  Out.reserve(Body.size());
  for (size_t I = 0; I < Body.size(); ++I) {
    Out += Body[I];
    if (Body[I] == Quote && I + 1 < Body.size() && Body[I + 1] == Quote)
      ++I;
  }
  return Out;
}

Name ASTBuilder::buildText(antlr4::Token *Tok) {
  return Name{unquote(Tok->getText()), range(Tok), true};
}

Name ASTBuilder::buildName(P::IdentifierContext &Ctx) {
  antlr4::Token *Tok = Ctx.getStart();
  if (Tok->getType() == P::QUOTED_IDENTIFIER) {
    Name N = buildText(Tok);
    if (N.Text.empty())
      Diags.report(DiagID::err_empty_quoted_identifier, N.Range);
    return N;
  }
  return Name{Tok->getText(), range(Tok), false};
}

Name ASTBuilder::buildName(P::PlainNameContext &Ctx) {
  antlr4::Token *Tok = Ctx.getStart();
  if (Tok->getType() == P::QUOTED_IDENTIFIER)
    return buildText(Tok);
  return Name{Tok->getText(), range(Tok), false};
}

QualifiedName ASTBuilder::buildQualifiedName(P::QualifiedNameContext &Ctx) {
  auto Parts = Ctx.identifier();
  QualifiedName Q;
  if (Parts.size() == 2) {
    Q.Schema = buildName(*Parts[0]);
    Q.Object = buildName(*Parts[1]);
  } else {
    Q.Object = buildName(*Parts[0]);
  }
  return Q;
}

std::vector<Name> ASTBuilder::buildColumnList(P::ColumnListContext &Ctx) {
  std::vector<Name> Names;
  for (auto *Id : Ctx.identifier())
    Names.push_back(buildName(*Id));
  return Names;
}

int64_t ASTBuilder::buildSignedNumber(P::SignedNumberContext &Ctx) {
  std::string Text = Ctx.getText();
  int64_t Value = 0;
  llvm::StringRef Digits(Text);
  bool Negative = Digits.consume_front("-");
  Digits.consume_front("+");
  if (Ctx.DECIMAL()) {
    Diags.report(DiagID::err_number_not_integer, range(Ctx), Text);
    return 0;
  }
  if (Digits.getAsInteger(10, Value)) {
    Diags.report(DiagID::err_number_out_of_range, range(Ctx), Text);
    return 0;
  }
  return Negative ? -Value : Value;
}

std::vector<Annotation>
ASTBuilder::buildAnnotations(const std::vector<P::AnnotationContext *> &Ctxs) {
  std::vector<Annotation> Result;
  for (auto *A : Ctxs) {
    Annotation Ann{buildName(*A->identifier()), {}, range(*A)};
    for (auto *Arg : A->annotationArg()) {
      if (Arg->STRING()) {
        Ann.Args.push_back(buildText(Arg->STRING()->getSymbol()));
        continue;
      }
      // `fk-missing-index` arrives as words separated by '-'; a word may
      // be a keyword (`fk-not-valid`).
      std::string Joined;
      for (auto *Part : Arg->checkNameWord()) {
        if (!Joined.empty())
          Joined += '-';
        Joined += Part->identifier() ? buildName(*Part->identifier()).Text
                                     : Part->getText();
      }
      Ann.Args.push_back(Name{Joined, range(*Arg), false});
    }
    Result.push_back(std::move(Ann));
  }
  return Result;
}

std::unique_ptr<Module> ASTBuilder::buildModule(P::SchemaFileContext &File) {
  auto M = std::make_unique<Module>();
  for (auto *Item : File.topLevelItem())
    if (DeclPtr D = buildTopLevelItem(*Item))
      M->Decls.push_back(std::move(D));
  return M;
}

DeclPtr ASTBuilder::buildTopLevelItem(P::TopLevelItemContext &Item) {
  DeclPtr D;
  if (auto *Db = Item.databaseDecl())
    D = buildSettings(Decl::Kind::Database, Db->setting(), *Db);
  else if (auto *N = Item.namingDecl())
    D = buildSettings(Decl::Kind::Naming, N->setting(), *N);
  else if (auto *E = Item.extensionDecl())
    D = std::make_unique<ExtensionDecl>(buildName(*E->identifier()), range(*E));
  else if (auto *S = Item.schemaDecl())
    D = buildSchema(*S);
  else if (auto *En = Item.enumDecl())
    D = buildEnum(*En);
  else if (auto *T = Item.tableDecl())
    D = buildTable(*T);
  if (D)
    D->setAnnotations(buildAnnotations(Item.annotation()));
  return D;
}

DeclPtr ASTBuilder::buildSchemaMember(P::SchemaMemberContext &Member) {
  DeclPtr D = Member.enumDecl() ? buildEnum(*Member.enumDecl())
                                : buildTable(*Member.tableDecl());
  D->setAnnotations(buildAnnotations(Member.annotation()));
  return D;
}

DeclPtr ASTBuilder::buildSchema(const LexedToken &Keyword,
                                const LexedToken &NameTok,
                                const LexedToken &Close,
                                std::vector<DeclPtr> Members) {
  llvm::StringRef Text = Locator.text(NameTok.Begin, NameTok.End);
  Name N{Text.str(),
         {Locator.locate(NameTok.Begin), Locator.locate(NameTok.End)},
         false};
  if (NameTok.Type == P::QUOTED_IDENTIFIER) {
    N.Text = unquote(Text);
    N.Quoted = true;
    if (N.Text.empty())
      Diags.report(DiagID::err_empty_quoted_identifier, N.Range);
  }
  return std::make_unique<SchemaDecl>(
      std::move(N), std::move(Members),
      llvm::SMRange(Locator.locate(Keyword.Begin), Locator.locate(Close.End)));
}

DeclPtr ASTBuilder::buildSettings(Decl::Kind K,
                                  const std::vector<P::SettingContext *> &Ctxs,
                                  antlr4::ParserRuleContext &Ctx) {
  std::vector<Setting> Settings;
  for (auto *S : Ctxs)
    Settings.push_back(buildSetting(*S));
  return std::make_unique<SettingsDecl>(K, std::move(Settings), range(Ctx));
}

Setting ASTBuilder::buildSetting(P::SettingContext &Ctx) {
  Setting S;
  S.Key = buildName(*Ctx.identifier());
  S.Range = range(Ctx);
  S.ValueRange = range(*Ctx.settingValue());
  S.IsList =
      dynamic_cast<P::ListSettingContext *>(Ctx.settingValue()) != nullptr;
  appendSettingValues(*Ctx.settingValue(), S);
  return S;
}

void ASTBuilder::appendSettingValues(P::SettingValueContext &Ctx, Setting &S) {
  if (auto *List = dynamic_cast<P::ListSettingContext *>(&Ctx)) {
    for (auto *V : List->settingValue())
      appendSettingValues(*V, S);
    return;
  }
  if (auto *Text = dynamic_cast<P::TextSettingContext *>(&Ctx)) {
    S.Values.push_back(buildText(Text->STRING()->getSymbol()));
    return;
  }
  auto &Named = static_cast<P::NameSettingContext &>(Ctx);
  S.Values.push_back(buildName(*Named.identifier()));
}

DeclPtr ASTBuilder::buildSchema(P::SchemaDeclContext &Ctx) {
  std::vector<DeclPtr> Members;
  for (auto *Member : Ctx.schemaMember())
    Members.push_back(buildSchemaMember(*Member));
  return std::make_unique<SchemaDecl>(buildName(*Ctx.identifier()),
                                      std::move(Members), range(Ctx));
}

DeclPtr ASTBuilder::buildEnum(P::EnumDeclContext &Ctx) {
  std::vector<Name> Labels;
  for (auto *L : Ctx.enumLabel())
    Labels.push_back(L->STRING() ? buildText(L->STRING()->getSymbol())
                                 : buildName(*L->identifier()));
  return std::make_unique<EnumDecl>(buildName(*Ctx.identifier()),
                                    std::move(Labels), range(Ctx));
}

DeclPtr ASTBuilder::buildTable(P::TableDeclContext &Ctx) {
  auto Table = std::make_unique<TableDecl>(
      buildQualifiedName(*Ctx.qualifiedName()), range(Ctx));
  for (auto *Item : Ctx.tableItem())
    buildTableItem(*Item, *Table);
  return Table;
}

void ASTBuilder::buildTableItem(P::TableItemContext &Item, TableDecl &Table) {
  // One pass over the children collects the pieces; the first token after
  // the annotations says which kind of item this is (a column starts with
  // its name, an identifier).
  std::vector<P::AnnotationContext *> Anns;
  size_t Lead = 0;
  bool HasIndexKeyword = false, First = true;
  P::IdentifierContext *Id = nullptr;
  P::TypeRefContext *Type = nullptr;
  std::vector<P::ColumnClauseContext *> Clauses;
  P::ColumnListContext *Columns = nullptr;
  P::ReferencesClauseContext *Refs = nullptr;
  P::ExprContext *CheckExpr = nullptr;
  std::vector<P::IndexElementContext *> Elements;
  std::vector<P::IndexClauseContext *> IndexClauses;
  P::NullsDistinctContext *Nulls = nullptr;
  P::TextContext *Text = nullptr;
  for (antlr4::tree::ParseTree *Child : Item.children) {
    size_t Rule = ruleOf(Child);
    if (Rule == P::RuleAnnotation) {
      Anns.push_back(static_cast<P::AnnotationContext *>(Child));
      continue;
    }
    if (Rule == ~size_t(0)) {
      size_t T = static_cast<antlr4::tree::TerminalNode *>(Child)
                     ->getSymbol()
                     ->getType();
      if (First)
        Lead = T;
      HasIndexKeyword |= T == P::INDEX;
      First = false;
      continue;
    }
    First = false;
    switch (Rule) {
    case P::RuleIdentifier:
      Id = static_cast<P::IdentifierContext *>(Child);
      break;
    case P::RuleTypeRef:
      Type = static_cast<P::TypeRefContext *>(Child);
      break;
    case P::RuleColumnClause:
      Clauses.push_back(static_cast<P::ColumnClauseContext *>(Child));
      break;
    case P::RuleColumnList:
      Columns = static_cast<P::ColumnListContext *>(Child);
      break;
    case P::RuleReferencesClause:
      Refs = static_cast<P::ReferencesClauseContext *>(Child);
      break;
    case P::RuleExpr:
      CheckExpr = static_cast<P::ExprContext *>(Child);
      break;
    case P::RuleIndexElement:
      Elements.push_back(static_cast<P::IndexElementContext *>(Child));
      break;
    case P::RuleIndexClause:
      IndexClauses.push_back(static_cast<P::IndexClauseContext *>(Child));
      break;
    case P::RuleNullsDistinct:
      Nulls = static_cast<P::NullsDistinctContext *>(Child);
      break;
    case P::RuleText:
      Text = static_cast<P::TextContext *>(Child);
      break;
    default:
      break;
    }
  }
  std::vector<Annotation> Annotations;
  if (!Anns.empty())
    Annotations = buildAnnotations(Anns);
  // The item's own range starts after its annotations.
  antlr4::Token *Start = nullptr;
  for (antlr4::tree::ParseTree *Child : Item.children)
    if (ruleOf(Child) != P::RuleAnnotation) {
      Start =
          ruleOf(Child) == ~size_t(0)
              ? static_cast<antlr4::tree::TerminalNode *>(Child)->getSymbol()
              : static_cast<antlr4::ParserRuleContext *>(Child)->getStart();
      break;
    }
  llvm::SMRange Range{range(Start).Start, range(Item).End};

  if (Lead == 0) {
    Table.Columns.push_back(
        buildColumn(*Id, *Type, Clauses, std::move(Annotations), Range));
    return;
  }
  if (Lead == P::COMMENT) {
    if (!Annotations.empty())
      Diags.report(DiagID::err_annotation_not_here, Annotations[0].Range,
                   Annotations[0].Key.Text, "a comment");
    Table.Comment = buildText(Text->getStart());
    return;
  }
  if (HasIndexKeyword) {
    Table.Indexes.push_back(
        buildIndex(Lead == P::UNIQUE, Id, Elements, IndexClauses, Range));
    Table.Indexes.back().Annotations = std::move(Annotations);
    return;
  }

  TableConstraint C;
  C.Range = Range;
  C.Annotations = std::move(Annotations);
  if (Id)
    C.ConstraintName = buildName(*Id);
  switch (Lead) {
  case P::PRIMARY:
    C.K = TableConstraint::Kind::PrimaryKey;
    C.Columns = buildColumnList(*Columns);
    break;
  case P::FOREIGN:
    C.K = TableConstraint::Kind::ForeignKey;
    C.Columns = buildColumnList(*Columns);
    C.References = std::make_unique<ReferencesClause>(buildReferences(*Refs));
    break;
  case P::UNIQUE:
    C.K = TableConstraint::Kind::Unique;
    C.Columns = buildColumnList(*Columns);
    C.NullsNotDistinct = Nulls && Nulls->NOT();
    break;
  default: // CHECK
    C.K = TableConstraint::Kind::Check;
    C.Check = buildExpr(*CheckExpr);
    break;
  }
  Table.Constraints.push_back(std::move(C));
}

Column ASTBuilder::buildColumn(P::IdentifierContext &NameCtx,
                               P::TypeRefContext &Type,
                               llvm::ArrayRef<P::ColumnClauseContext *> Clauses,
                               std::vector<Annotation> Annotations,
                               llvm::SMRange Range) {
  Column C;
  C.Annotations = std::move(Annotations);
  C.ColumnName = buildName(NameCtx);
  C.Type = buildType(Type);
  C.Clauses.reserve(Clauses.size());
  for (P::ColumnClauseContext *Clause : Clauses)
    C.Clauses.push_back(buildColumnClause(*Clause));
  C.Range = Range;
  return C;
}

ColumnClause ASTBuilder::buildColumnClause(P::ColumnClauseContext &Ctx) {
  // Each alternative starts with its own keyword (GENERATED: identity ends
  // with IDENTITY), which says which context class this is.
  using K = ColumnClause::Kind;
  ColumnClause C;
  C.Range = range(Ctx);
  switch (Ctx.getStart()->getType()) {
  case P::NOT:
    C.K = K::NotNull;
    break;
  case P::NULL_:
    C.K = K::Null;
    break;
  case P::PRIMARY:
    C.K = K::PrimaryKey;
    break;
  case P::UNIQUE: {
    auto &Uq = static_cast<P::UniqueClauseContext &>(Ctx);
    C.K = K::Unique;
    C.NullsNotDistinct = Uq.nullsDistinct() && Uq.nullsDistinct()->NOT();
    break;
  }
  case P::DEFAULT:
    C.K = K::Default;
    C.Expression =
        buildExpr(*static_cast<P::DefaultClauseContext &>(Ctx).expr());
    break;
  case P::REFERENCES:
    C.K = K::References;
    C.References = std::make_unique<ReferencesClause>(
        buildReferences(*static_cast<P::ReferencesColumnClauseContext &>(Ctx)
                             .referencesClause()));
    break;
  case P::CHECK: {
    auto &Ck = static_cast<P::CheckClauseContext &>(Ctx);
    C.K = K::Check;
    if (Ck.identifier())
      C.ConstraintName = buildName(*Ck.identifier());
    C.Expression = buildExpr(*Ck.expr());
    break;
  }
  case P::GENERATED:
    if (Ctx.getStop()->getType() == P::IDENTITY) {
      C.K = K::Identity;
      C.IdentityAlways =
          static_cast<P::IdentityClauseContext &>(Ctx).ALWAYS() != nullptr;
    } else {
      C.K = K::Generated;
      C.Expression =
          buildExpr(*static_cast<P::GeneratedClauseContext &>(Ctx).expr());
    }
    break;
  case P::COLLATE: {
    auto &Coll = static_cast<P::CollateClauseContext &>(Ctx);
    C.K = K::Collate;
    C.Text = Coll.STRING() ? buildText(Coll.STRING()->getSymbol())
                           : buildName(*Coll.identifier());
    break;
  }
  default: {
    auto &Comment = static_cast<P::ColumnCommentClauseContext &>(Ctx);
    C.K = K::Comment;
    C.Text = buildText(Comment.text()->getStart());
    break;
  }
  }
  return C;
}

ReferencesClause ASTBuilder::buildReferences(P::ReferencesClauseContext &Ctx) {
  ReferencesClause R;
  R.Range = range(Ctx);
  R.Table = buildQualifiedName(*Ctx.qualifiedName());
  if (Ctx.columnList())
    R.Columns = buildColumnList(*Ctx.columnList());
  for (auto *Opt : Ctx.foreignKeyOption()) {
    if (auto *Del = dynamic_cast<P::OnDeleteOptionContext *>(Opt)) {
      R.OnDelete = buildAction(*Del->referentialAction());
      R.OnDeleteRange = range(*Opt);
    } else if (auto *Upd = dynamic_cast<P::OnUpdateOptionContext *>(Opt)) {
      R.OnUpdate = buildAction(*Upd->referentialAction());
      R.OnUpdateRange = range(*Opt);
    } else if (auto *Def = dynamic_cast<P::DeferrableOptionContext *>(Opt)) {
      R.Deferrable = Def->NOT() == nullptr;
      R.InitiallyDeferred = Def->DEFERRED() != nullptr;
    }
  }
  return R;
}

ReferentialAction ASTBuilder::buildAction(P::ReferentialActionContext &Ctx) {
  if (Ctx.CASCADE())
    return ReferentialAction::Cascade;
  if (Ctx.RESTRICT())
    return ReferentialAction::Restrict;
  if (Ctx.NO())
    return ReferentialAction::NoAction;
  if (Ctx.NULL_())
    return ReferentialAction::SetNull;
  return ReferentialAction::SetDefault;
}

Index ASTBuilder::buildIndex(bool Unique, P::IdentifierContext *NameCtx,
                             llvm::ArrayRef<P::IndexElementContext *> Elements,
                             llvm::ArrayRef<P::IndexClauseContext *> Clauses,
                             llvm::SMRange Range) {
  Index I;
  I.Range = Range;
  I.Unique = Unique;
  if (NameCtx)
    I.IndexName = buildName(*NameCtx);
  for (auto *E : Elements)
    I.Elements.push_back(buildIndexElement(*E));
  for (auto *Clause : Clauses) {
    if (auto *Using = dynamic_cast<P::UsingClauseContext *>(Clause)) {
      I.Method = buildName(*Using->identifier());
    } else if (auto *Inc = dynamic_cast<P::IncludeClauseContext *>(Clause)) {
      for (Name &N : buildColumnList(*Inc->columnList()))
        I.Include.push_back(std::move(N));
    } else if (auto *With = dynamic_cast<P::WithClauseContext *>(Clause)) {
      for (auto *Opt : With->indexOption()) {
        IndexOption O;
        O.Key = buildName(*Opt->identifier(0));
        O.Range = range(*Opt);
        if (Opt->signedNumber())
          O.Value = Opt->signedNumber()->getText();
        else if (Opt->STRING())
          O.Value = buildText(Opt->STRING()->getSymbol()).Text;
        else
          O.Value = buildName(*Opt->identifier(1)).Text;
        I.Options.push_back(std::move(O));
      }
    } else if (auto *Where = dynamic_cast<P::WhereClauseContext *>(Clause)) {
      I.Where = buildExpr(*Where->expr());
    } else if (auto *Nulls = dynamic_cast<P::NullsClauseContext *>(Clause)) {
      I.NullsNotDistinct = Nulls->nullsDistinct()->NOT() != nullptr;
    }
  }
  return I;
}

IndexElement ASTBuilder::buildIndexElement(P::IndexElementContext &Ctx) {
  IndexElement E;
  E.Range = range(Ctx);
  if (Ctx.identifier())
    E.ColumnName = buildName(*Ctx.identifier());
  else if (Ctx.functionCall())
    E.Expression = buildCall(*Ctx.functionCall());
  else
    E.Expression = buildExpr(*Ctx.expr());
  if (auto *Op = Ctx.opclassName()) {
    QualifiedName Q;
    auto Parts = Op->plainName();
    if (Parts.size() == 2) {
      Q.Schema = buildName(*Parts[0]);
      Q.Object = buildName(*Parts[1]);
    } else {
      Q.Object = buildName(*Parts[0]);
    }
    E.Opclass = std::move(Q);
  }
  if (Ctx.ASC())
    E.Direction = IndexElement::Order::Asc;
  else if (Ctx.DESC())
    E.Direction = IndexElement::Order::Desc;
  if (Ctx.FIRST())
    E.NullsOrder = IndexElement::Nulls::First;
  else if (Ctx.LAST())
    E.NullsOrder = IndexElement::Nulls::Last;
  return E;
}

TypeRef ASTBuilder::buildType(P::TypeRefContext &Ctx) {
  TypeRef T;
  T.Range = range(Ctx);
  std::string Words; // a multi-word built-in spelling
  antlr4::Token *FirstWord = nullptr, *LastWord = nullptr;
  for (antlr4::tree::ParseTree *Child : Ctx.children) {
    switch (ruleOf(Child)) {
    case P::RuleQualifiedName:
      T.Base =
          buildQualifiedName(*static_cast<P::QualifiedNameContext *>(Child));
      break;
    case P::RuleTypeModifiers: {
      auto *Mods = static_cast<P::TypeModifiersContext *>(Child);
      T.ModifiersRange = range(*Mods);
      for (auto *N : Mods->signedNumber())
        T.Modifiers.push_back(buildSignedNumber(*N));
      break;
    }
    case P::RuleTimeZone: {
      auto *Tz = static_cast<P::TimeZoneContext *>(Child);
      T.WithTimeZone = Tz->WITH() != nullptr;
      T.TimeZoneRange = range(*Tz);
      break;
    }
    case P::RuleArraySuffix:
      ++T.ArrayDims;
      break;
    default: {
      // DOUBLE PRECISION and the like: keywords are case-insensitive, so the
      // words are kept lowercase, joined by one space.
      antlr4::Token *Word =
          static_cast<antlr4::tree::TerminalNode *>(Child)->getSymbol();
      if (!Words.empty())
        Words += ' ';
      Words += llvm::StringRef(Word->getText()).lower();
      if (!FirstWord)
        FirstWord = Word;
      LastWord = Word;
      break;
    }
    }
  }
  if (FirstWord)
    T.Base.Object =
        Name{Words, {range(FirstWord).Start, range(LastWord).End}, false};
  return T;
}

std::vector<ExprPtr>
ASTBuilder::buildExprs(const std::vector<P::ExprContext *> &Exprs,
                       size_t From) {
  std::vector<ExprPtr> Result;
  for (size_t I = From; I < Exprs.size(); ++I)
    Result.push_back(buildExpr(*Exprs[I]));
  return Result;
}

ExprPtr ASTBuilder::buildExpr(P::ExprContext &Ctx) {
  // A long chain `a + a + ... + a` parses iteratively but nests as deep as it
  // is long; every later pass recurses, so the depth is bounded here.
  if (ExprDepth >= MaxNestingDepth * 4) {
    // Once is enough: the rest of the chain would say the same.
    if (!ReportedDepth)
      Diags.report(DiagID::err_nesting_too_deep, ExprRoot, MaxNestingDepth * 4);
    ReportedDepth = true;
    return std::make_unique<LiteralExpr>(LiteralExpr::LiteralKind::Null, "NULL",
                                         range(Ctx));
  }
  // Reported at the start of the whole expression, where a reader looks.
  if (ExprDepth == 0)
    ExprRoot = llvm::SMRange(range(Ctx).Start, range(Ctx).Start);
  ++ExprDepth;
  ExprPtr Result = buildExprUnguarded(Ctx);
  --ExprDepth;
  return Result;
}

ExprPtr ASTBuilder::buildExprUnguarded(P::ExprContext &Ctx) {
  llvm::SMRange R = range(Ctx);
  if (auto *Prim = exactly<P::PrimaryContext>(&Ctx))
    return buildPrimary(*Prim->primaryExpr());
  if (auto *Cast = exactly<P::CastExprContext>(&Ctx))
    return std::make_unique<CastExpr>(buildExpr(*Cast->expr()),
                                      buildType(*Cast->typeRef()), R);
  if (auto *Unary = exactly<P::UnaryExprContext>(&Ctx))
    return std::make_unique<UnaryExpr>(Unary->op->getText(),
                                       buildExpr(*Unary->expr()), R);
  if (auto *Bin = exactly<P::BinaryExprContext>(&Ctx)) {
    std::string Op = Bin->op->getText();
    if (Bin->AND() || Bin->OR())
      Op = llvm::StringRef(Op).upper();
    return std::make_unique<BinaryExpr>(Op, buildExpr(*Bin->expr(0)),
                                        buildExpr(*Bin->expr(1)), R);
  }
  if (auto *Qualified = exactly<P::QualifiedOpExprContext>(&Ctx)) {
    std::string Op = Qualified->qualifiedOp()->getText();
    return std::make_unique<BinaryExpr>(
        Op == "!=" ? "<>" : Op, buildExpr(*Qualified->expr(0)),
        buildExpr(*Qualified->expr(1)), R, buildName(*Qualified->opSchema));
  }
  if (auto *Is = exactly<P::IsExprContext>(&Ctx)) {
    IsExpr::Test T = Is->NULL_()  ? IsExpr::Test::Null
                     : Is->TRUE() ? IsExpr::Test::True
                                  : IsExpr::Test::False;
    return std::make_unique<IsExpr>(buildExpr(*Is->expr()),
                                    Is->NOT() != nullptr, T, R);
  }
  if (auto *In = exactly<P::InExprContext>(&Ctx)) {
    auto Exprs = In->expr();
    return std::make_unique<InExpr>(buildExpr(*Exprs[0]), In->NOT() != nullptr,
                                    buildExprs(Exprs, 1), R);
  }
  if (auto *Like = exactly<P::LikeExprContext>(&Ctx))
    return std::make_unique<LikeExpr>(
        buildExpr(*Like->expr(0)), Like->NOT() != nullptr,
        Like->ILIKE() != nullptr, buildExpr(*Like->expr(1)), R);
  auto &Not = static_cast<P::NotExprContext &>(Ctx);
  return std::make_unique<NotExpr>(buildExpr(*Not.expr()), R);
}

ExprPtr ASTBuilder::buildCall(P::FunctionCallContext &Ctx) {
  return std::make_unique<CallExpr>(buildQualifiedName(*Ctx.qualifiedName()),
                                    buildExprs(Ctx.expr()), Ctx.star != nullptr,
                                    Ctx.DISTINCT() != nullptr, range(Ctx));
}

ExprPtr ASTBuilder::buildPrimary(P::PrimaryExprContext &Ctx) {
  llvm::SMRange R = range(Ctx);
  if (auto *Lit = exactly<P::LiteralExprContext>(&Ctx)) {
    using LK = LiteralExpr::LiteralKind;
    P::LiteralContext *L = Lit->literal();
    if (L->INTEGER())
      return std::make_unique<LiteralExpr>(LK::Integer, L->getText(), R);
    if (L->DECIMAL())
      return std::make_unique<LiteralExpr>(LK::Decimal, L->getText(), R);
    if (L->STRING())
      return std::make_unique<LiteralExpr>(LK::String, unquote(L->getText()),
                                           R);
    if (L->TRUE())
      return std::make_unique<LiteralExpr>(LK::True, "true", R);
    if (L->FALSE())
      return std::make_unique<LiteralExpr>(LK::False, "false", R);
    return std::make_unique<LiteralExpr>(LK::Null, "NULL", R);
  }
  if (auto *Arr = exactly<P::ArrayExprContext>(&Ctx))
    return std::make_unique<ArrayExpr>(buildExprs(Arr->expr()), R);
  if (auto *Case = exactly<P::CaseExprContext>(&Ctx)) {
    std::vector<CaseExpr::When> Whens;
    for (auto *W : Case->caseWhen())
      Whens.push_back({buildExpr(*W->expr(0)), buildExpr(*W->expr(1))});
    return std::make_unique<CaseExpr>(
        Case->operand ? buildExpr(*Case->operand) : nullptr, std::move(Whens),
        Case->elseExpr ? buildExpr(*Case->elseExpr) : nullptr, R);
  }
  if (auto *Cast = exactly<P::CastCallExprContext>(&Ctx))
    return std::make_unique<CastExpr>(buildExpr(*Cast->expr()),
                                      buildType(*Cast->typeRef()), R);
  if (auto *Call = exactly<P::CallExprContext>(&Ctx))
    return buildCall(*Call->functionCall());
  if (auto *Ref = exactly<P::ColumnRefExprContext>(&Ctx))
    return std::make_unique<ColumnRefExpr>(
        buildQualifiedName(*Ref->qualifiedName()), R);
  // Parentheses only group: the tree keeps the grouping, not the tokens.
  auto &Paren = static_cast<P::ParenExprContext &>(Ctx);
  return buildExpr(*Paren.expr());
}
