#ifndef ACTORGRAPH_CLIBXML2_SHIM_H
#define ACTORGRAPH_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>

/* libxml2 built with ICU has <libxml/encoding.h> include the system's <unicode/ucnv.h>,
 * whose types (UErrorCode, …) clash with Foundation's bundled ICU (_FoundationICU) in any
 * Swift module that sees both ("'UErrorCode' has different definitions in different modules").
 * Hiding ICU only drops two trailing pointer fields of xmlCharEncodingHandler, a struct
 * actorgraph never allocates, copies or reads. */
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>

/* Frees memory libxml2 allocated. `xmlFree` is a global function-pointer variable,
 * which Swift 6 rejects as not concurrency-safe; this wrapper is a plain function. */
static inline void cxml_free(void *p) { xmlFree(p); }

#endif
