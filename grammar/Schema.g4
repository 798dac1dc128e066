// The schemac schema language.
//
// Keywords are case-insensitive and soft: wherever a name is expected, any
// keyword that cannot start an expression may be used unquoted (a column named
// `type`, `key`, `index`, `check`, `order` or `user`). Where a line could be read
// both as a table item and as a column (`check c (1);`), the table item wins;
// quoting the name makes it a column.
//
// Shape notes for speed: the grammar is SLL-friendly (the driver parses in SLL
// mode first and falls back to LL only on a syntax error), and alternatives of
// a rule start with distinct tokens wherever the language allows it.

grammar Schema;

// ---------------------------------------------------------------- top level

schemaFile : topLevelItem* EOF ;

// Entry points for parsing a file one declaration at a time, which keeps
// the parse tree of a large file small (see frontend/Parser.cpp).
topLevelChunk : topLevelItem EOF ;
memberChunk   : schemaMember EOF ;

topLevelItem
  : databaseDecl
  | extensionDecl
  | namingDecl
  | schemaDecl
  | annotation* (enumDecl | tableDecl)
  ;

databaseDecl  : DATABASE '{' setting* '}' ;
namingDecl    : NAMING '{' setting* '}' ;
setting       : identifier '=' settingValue ';' ;
settingValue
  : STRING                                     # textSetting
  | identifier                                 # nameSetting
  | '[' (settingValue (',' settingValue)* ','?)? ']'   # listSetting
  ;

extensionDecl : EXTENSION identifier ';' ;

schemaDecl    : SCHEMA identifier '{' schemaMember* '}' ;
// Annotations come first and are parsed before any choice is made, so an
// error inside one is reported there.
schemaMember  : annotation* (enumDecl | tableDecl) ;

annotation    : '@' identifier ('(' annotationArg (',' annotationArg)* ')')? ;
annotationArg : STRING | checkNameWord ('-' checkNameWord)* ;
// A check name's words may be any keyword: `fk-not-valid`.
checkNameWord
  : identifier | NOT | NULL_ | TRUE | FALSE | AND | OR | IS | IN | LIKE
  | ILIKE | CASE | WHEN | THEN | ELSE | END | ARRAY | CAST
  ;

enumDecl      : ENUM identifier '{' (enumLabel (',' enumLabel)* ','?)? '}' ;
enumLabel     : STRING | identifier ;

// ---------------------------------------------------------------- tables

tableDecl : TABLE qualifiedName '{' tableItem* '}' ;

// Table items come before columns so that the ambiguous cases read as items,
// and indexes before unique constraints: `unique index (a)` is an index (a
// unique constraint named `index` must quote the name). One context for all
// kinds, since a large schema has one per column: ASTBuilder tells them
// apart by the first token after the annotations.
tableItem
  : annotation*
    ( PRIMARY KEY identifier? columnList ';'
    | FOREIGN KEY identifier? columnList referencesClause ';'
    | CHECK identifier? '(' expr ')' ';'
    | UNIQUE? INDEX identifier? '(' indexElement (',' indexElement)* ')' indexClause* ';'
    | UNIQUE identifier? columnList nullsDistinct? ';'
    | COMMENT text ';'
    | identifier typeRef columnClause* ';'
    )
  ;

columnList : '(' identifier (',' identifier)* ')' ;

nullsDistinct : NULLS NOT? DISTINCT ;

columnClause
  : NOT NULL_                                                  # notNullClause
  | NULL_                                                      # nullClause
  | PRIMARY KEY                                                # primaryKeyClause
  | UNIQUE nullsDistinct?                                      # uniqueClause
  | DEFAULT expr                                               # defaultClause
  | referencesClause                                           # referencesColumnClause
  | CHECK identifier? '(' expr ')'                             # checkClause
  | GENERATED ALWAYS AS '(' expr ')' STORED                    # generatedClause
  | GENERATED (ALWAYS | BY DEFAULT) AS IDENTITY                # identityClause
  | COLLATE (STRING | identifier)                                # collateClause
  | COMMENT text                                               # columnCommentClause
  ;

referencesClause
  : REFERENCES qualifiedName columnList? foreignKeyOption*
  ;

foreignKeyOption
  : ON DELETE referentialAction                                # onDeleteOption
  | ON UPDATE referentialAction                                # onUpdateOption
  | NOT? DEFERRABLE (INITIALLY (DEFERRED | IMMEDIATE))?        # deferrableOption
  ;

referentialAction
  : CASCADE | RESTRICT | NO ACTION | SET NULL_ | SET DEFAULT
  ;

indexElement
  : (functionCall | identifier | '(' expr ')') opclass=opclassName? (ASC | DESC)? (NULLS (FIRST | LAST))?
  ;

// Operator classes are never keywords, which keeps `col desc` unambiguous.
opclassName : (plainName '.')? plainName ;
plainName   : IDENTIFIER | QUOTED_IDENTIFIER ;

indexClause
  : USING identifier                                           # usingClause
  | INCLUDE columnList                                         # includeClause
  | WITH '(' indexOption (',' indexOption)* ')'                # withClause
  | WHERE '(' expr ')'                                         # whereClause
  | nullsDistinct                                              # nullsClause
  ;

indexOption : identifier '=' (signedNumber | STRING | identifier) ;

// ---------------------------------------------------------------- types

// Multi-word built-in spellings are spelled out here; every other type is a
// (qualified) name. Kept flat: a large schema has one typeRef per column.
typeRef
  : (DOUBLE PRECISION | CHARACTER VARYING | BIT VARYING | qualifiedName)
    typeModifiers? timeZone? arraySuffix*
  ;

typeModifiers : '(' signedNumber (',' signedNumber)* ')' ;
timeZone      : (WITH | WITHOUT) TIME ZONE ;
arraySuffix   : '[' INTEGER? ']' ;

// ---------------------------------------------------------------- expressions

// Precedence, tightest first, as in PostgreSQL: `::`, unary sign, `^`,
// `* / %`, `+ -`, other operators, IN and LIKE, comparison, IS, NOT, AND, OR.
expr
  : expr '::' typeRef                                           # castExpr
  | op=('-' | '+') expr                                         # unaryExpr
  | expr op='^' expr                                            # binaryExpr
  | expr op=('*' | '/' | '%') expr                              # binaryExpr
  | expr op=('+' | '-') expr                                    # binaryExpr
  | expr op=OPERATOR expr                                       # binaryExpr
  | expr OPERATOR_ '(' opSchema=identifier '.' qualifiedOp ')' expr  # qualifiedOpExpr
  | expr NOT? IN '(' expr (',' expr)* ')'                       # inExpr
  | expr NOT? (LIKE | ILIKE) expr                               # likeExpr
  | expr op=('<' | '>' | '<=' | '>=' | '=' | '<>' | '!=') expr  # binaryExpr
  | expr IS NOT? (NULL_ | TRUE | FALSE)                         # isExpr
  | NOT expr                                                    # notExpr
  | expr op=AND expr                                            # binaryExpr
  | expr op=OR expr                                             # binaryExpr
  | primaryExpr                                                 # primary
  ;

primaryExpr
  : literal                                                     # literalExpr
  | ARRAY '[' (expr (',' expr)*)? ']'                           # arrayExpr
  | CASE operand=expr? caseWhen+ (ELSE elseExpr=expr)? END      # caseExpr
  | CAST '(' expr AS typeRef ')'                                # castCallExpr
  | functionCall                                                # callExpr
  | qualifiedName                                               # columnRefExpr
  | '(' expr ')'                                                # parenExpr
  ;

caseWhen : WHEN expr THEN expr ;

// The operators `OPERATOR(schema.op)` may name. PostgreSQL prints that form
// for an operator outside its search path (citext's `=` under
// `search_path = pg_catalog`), so inspected expressions use it.
qualifiedOp
  : OPERATOR | '+' | '-' | '*' | '/' | '%' | '^' | '<' | '>' | '<=' | '>='
  | '=' | '<>' | '!='
  ;

functionCall : qualifiedName '(' (star='*' | DISTINCT? expr (',' expr)*)? ')' ;

literal
  : INTEGER | DECIMAL | STRING | TRUE | FALSE | NULL_
  ;

signedNumber : ('-' | '+')? (INTEGER | DECIMAL) ;

// ---------------------------------------------------------------- names

qualifiedName : identifier ('.' identifier)? ;

text : STRING | QUOTED_IDENTIFIER ;

identifier : IDENTIFIER | QUOTED_IDENTIFIER | softKeyword ;

// Every keyword that cannot begin or continue an expression, and OPERATOR,
// which continues one only as `OPERATOR (`, where no name may follow.
softKeyword
  : DATABASE | EXTENSION | NAMING | SCHEMA | ENUM | TABLE | PRIMARY | KEY
  | FOREIGN | REFERENCES | UNIQUE | INDEX | CHECK | DEFAULT | ON | DELETE
  | UPDATE | CASCADE | RESTRICT | SET | NO | ACTION | DEFERRABLE | INITIALLY
  | DEFERRED | IMMEDIATE | GENERATED | ALWAYS | AS | STORED | IDENTITY | BY
  | COLLATE | COMMENT | USING | INCLUDE | WITH | WITHOUT | WHERE | ASC | DESC
  | NULLS | FIRST | LAST | DISTINCT | DOUBLE | PRECISION | CHARACTER | VARYING
  | BIT | TIME | OPERATOR_ | ZONE
  ;

// ---------------------------------------------------------------- lexer

DATABASE   : D A T A B A S E ;
EXTENSION  : E X T E N S I O N ;
NAMING     : N A M I N G ;
SCHEMA     : S C H E M A ;
ENUM       : E N U M ;
TABLE      : T A B L E ;
PRIMARY    : P R I M A R Y ;
KEY        : K E Y ;
FOREIGN    : F O R E I G N ;
REFERENCES : R E F E R E N C E S ;
UNIQUE     : U N I Q U E ;
INDEX      : I N D E X ;
CHECK      : C H E C K ;
DEFAULT    : D E F A U L T ;
ON         : O N ;
DELETE     : D E L E T E ;
UPDATE     : U P D A T E ;
CASCADE    : C A S C A D E ;
RESTRICT   : R E S T R I C T ;
SET        : S E T ;
NO         : N O ;
ACTION     : A C T I O N ;
DEFERRABLE : D E F E R R A B L E ;
INITIALLY  : I N I T I A L L Y ;
DEFERRED   : D E F E R R E D ;
IMMEDIATE  : I M M E D I A T E ;
GENERATED  : G E N E R A T E D ;
ALWAYS     : A L W A Y S ;
AS         : A S ;
STORED     : S T O R E D ;
IDENTITY   : I D E N T I T Y ;
BY         : B Y ;
COLLATE    : C O L L A T E ;
COMMENT    : C O M M E N T ;
USING      : U S I N G ;
INCLUDE    : I N C L U D E ;
WITH       : W I T H ;
WITHOUT    : W I T H O U T ;
WHERE      : W H E R E ;
ASC        : A S C ;
DESC       : D E S C ;
NULLS      : N U L L S ;
FIRST      : F I R S T ;
LAST       : L A S T ;
DISTINCT   : D I S T I N C T ;
DOUBLE     : D O U B L E ;
PRECISION  : P R E C I S I O N ;
CHARACTER  : C H A R A C T E R ;
VARYING    : V A R Y I N G ;
BIT        : B I T ;
TIME       : T I M E ;
// `OPERATOR(schema.op)`: soft, so declared before ZONE, which ends the soft
// keywords (frontend/Keywords.cpp).
OPERATOR_  : O P E R A T O R ;
ZONE       : Z O N E ;

// Expression keywords: reserved, since an expression may start with them.
NOT        : N O T ;
NULL_      : N U L L ;
TRUE       : T R U E ;
FALSE      : F A L S E ;
AND        : A N D ;
OR         : O R ;
IS         : I S ;
IN         : I N ;
LIKE       : L I K E ;
ILIKE      : I L I K E ;
CASE       : C A S E ;
WHEN       : W H E N ;
THEN       : T H E N ;
ELSE       : E L S E ;
END        : E N D ;
ARRAY      : A R R A Y ;
CAST       : C A S T ;

IDENTIFIER        : [a-zA-Z_\u0080-\u{10FFFF}] [a-zA-Z_0-9$\u0080-\u{10FFFF}]* ;
QUOTED_IDENTIFIER : '"' (~'"' | '""')* '"' ;
STRING            : '\'' (~'\'' | '\'\'')* '\'' ;
INTEGER           : [0-9]+ ;
DECIMAL           : [0-9]+ '.' [0-9]* EXPONENT? | '.' [0-9]+ EXPONENT? | [0-9]+ EXPONENT ;

// Multi-character operators of PostgreSQL that the expression subset passes
// through (concatenation, JSON and containment, pattern and distance).
OPERATOR : '||' | '->>' | '->' | '#>>' | '#>' | '@>' | '<@' | '?|' | '?&' | '?'
         | '&&' | '~~*' | '!~~*' | '~~' | '!~~' | '~*' | '!~*' | '!~' | '~' | '<->'
         | '<=>' | '<#>' | '@@' ;

LE : '<=' ;
GE : '>=' ;
NE : '<>' ;
NE2 : '!=' ;

LINE_COMMENT  : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
WS            : [ \t\r\n\f\u{FEFF}]+ -> skip ;

// Error tokens: the frontend reports these with their own message before
// parsing, so a missing quote does not turn into a cascade of syntax errors.
UNTERMINATED_COMMENT    : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF ;
UNTERMINATED_STRING     : '\'' (~'\'' | '\'\'')* EOF ;
UNTERMINATED_IDENTIFIER : '"' (~'"' | '""')* EOF ;
UNKNOWN_CHARACTER       : . ;

fragment EXPONENT : [eE] [+-]? [0-9]+ ;

fragment A : [aA] ; fragment B : [bB] ; fragment C : [cC] ; fragment D : [dD] ;
fragment E : [eE] ; fragment F : [fF] ; fragment G : [gG] ; fragment H : [hH] ;
fragment I : [iI] ; fragment J : [jJ] ; fragment K : [kK] ; fragment L : [lL] ;
fragment M : [mM] ; fragment N : [nN] ; fragment O : [oO] ; fragment P : [pP] ;
fragment Q : [qQ] ; fragment R : [rR] ; fragment S : [sS] ; fragment T : [tT] ;
fragment U : [uU] ; fragment V : [vV] ; fragment W : [wW] ; fragment X : [xX] ;
fragment Y : [yY] ; fragment Z : [zZ] ;
