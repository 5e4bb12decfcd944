#ifndef ACTORGRAPH_CGRAPHVIZ_SHIM_H
#define ACTORGRAPH_CGRAPHVIZ_SHIM_H

/* Graphviz's layout and rendering library (libgvc) and its graph library (libcgraph);
 * pkg-config libgvc puts /usr/include/graphviz on the include path. */
#include <gvc.h>
#include <cgraph.h>

#endif
