#ifndef CANDOR_CCMARK_SHIM_H
#define CANDOR_CCMARK_SHIM_H
#include <cmark.h>
#endif
