//===- ASTBuilder.h - Lowers the ANTLR parse tree into our AST --*- C++ -*-===//
//
// Frontend-internal: only Parser.cpp includes this, and nothing outside the
// frontend ever sees an ANTLR type.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_FRONTEND_ASTBUILDER_H
#define SCHEMAC_FRONTEND_ASTBUILDER_H

#include "frontend/AST.h"
#include "frontend/Diagnostic.h"
#include "frontend/Lexer.h"
#include "frontend/TokenLocator.h"

#include "SchemaParser.h"

namespace schemac {

class ASTBuilder {
public:
  ASTBuilder(const TokenLocator &Locator, DiagnosticEngine &Diags)
      : Locator(Locator), Diags(Diags) {}

  /// Builds a module from a parse tree that has no syntax errors.
  std::unique_ptr<ast::Module>
  buildModule(parser::SchemaParser::SchemaFileContext &File);

  /// The pieces of a file parsed one declaration at a time.
  ast::DeclPtr
  buildTopLevelItem(parser::SchemaParser::TopLevelItemContext &Item);
  ast::DeclPtr
  buildSchemaMember(parser::SchemaParser::SchemaMemberContext &Member);
  /// A `schema NAME { ... }` block whose members were built already.
  ast::DeclPtr buildSchema(const LexedToken &Keyword, const LexedToken &Name,
                           const LexedToken &Close,
                           std::vector<ast::DeclPtr> Members);

private:
  using P = parser::SchemaParser;

  ast::DeclPtr buildTable(P::TableDeclContext &Ctx);
  ast::DeclPtr buildEnum(P::EnumDeclContext &Ctx);
  ast::DeclPtr buildSchema(P::SchemaDeclContext &Ctx);
  ast::DeclPtr buildSettings(ast::Decl::Kind K,
                             const std::vector<P::SettingContext *> &Settings,
                             antlr4::ParserRuleContext &Ctx);
  ast::Setting buildSetting(P::SettingContext &Ctx);
  void appendSettingValues(P::SettingValueContext &Ctx, ast::Setting &S);

  void buildTableItem(P::TableItemContext &Ctx, ast::TableDecl &Table);
  ast::Column buildColumn(P::IdentifierContext &Name, P::TypeRefContext &Type,
                          llvm::ArrayRef<P::ColumnClauseContext *> Clauses,
                          std::vector<ast::Annotation> Annotations,
                          llvm::SMRange Range);
  ast::ColumnClause buildColumnClause(P::ColumnClauseContext &Ctx);
  ast::ReferencesClause buildReferences(P::ReferencesClauseContext &Ctx);
  ast::ReferentialAction buildAction(P::ReferentialActionContext &Ctx);
  ast::Index buildIndex(bool Unique, P::IdentifierContext *Name,
                        llvm::ArrayRef<P::IndexElementContext *> Elements,
                        llvm::ArrayRef<P::IndexClauseContext *> Clauses,
                        llvm::SMRange Range);
  ast::IndexElement buildIndexElement(P::IndexElementContext &Ctx);

  std::vector<ast::Annotation>
  buildAnnotations(const std::vector<P::AnnotationContext *> &Ctxs);
  ast::TypeRef buildType(P::TypeRefContext &Ctx);
  ast::ExprPtr buildExpr(P::ExprContext &Ctx);
  ast::ExprPtr buildExprUnguarded(P::ExprContext &Ctx);
  ast::ExprPtr buildPrimary(P::PrimaryExprContext &Ctx);
  ast::ExprPtr buildCall(P::FunctionCallContext &Ctx);
  std::vector<ast::ExprPtr> buildExprs(const std::vector<P::ExprContext *> &E,
                                       size_t From = 0);

  ast::Name buildName(P::IdentifierContext &Ctx);
  ast::Name buildName(P::PlainNameContext &Ctx);
  ast::Name buildText(antlr4::Token *Tok);
  ast::QualifiedName buildQualifiedName(P::QualifiedNameContext &Ctx);
  std::vector<ast::Name> buildColumnList(P::ColumnListContext &Ctx);
  int64_t buildSignedNumber(P::SignedNumberContext &Ctx);

  llvm::SMRange range(antlr4::ParserRuleContext &Ctx) const;
  llvm::SMRange range(antlr4::Token *Tok) const;

  const TokenLocator &Locator;
  DiagnosticEngine &Diags;
  unsigned ExprDepth = 0;
  bool ReportedDepth = false;
  llvm::SMRange ExprRoot;
};

} // namespace schemac

#endif
