// libpq's functions, loaded when a command first talks to a PostgreSQL server
// (store/shared_library.h). Only src/store/pg_connection.cpp includes this (and libpq-fe.h).
#pragma once

#include <libpq-fe.h>

#include "store/shared_library.h"

namespace ntm::store {

#define NTM_LIBPQ_FUNCTIONS(X)                                                                                          \
  X(PQclear) X(PQcmdTuples) X(PQconnectPoll) X(PQconnectStart) X(PQconnectionNeedsPassword) X(PQconninfo)              \
  X(PQconninfoFree) X(PQconninfoParse) X(PQdb) X(PQerrorMessage) X(PQexec) X(PQexecParams) X(PQfinish) X(PQfname)      \
  X(PQfreemem) X(PQftype) X(PQgetCopyData) X(PQgetisnull) X(PQgetlength) X(PQgetResult) X(PQgetvalue) X(PQhost)        \
  X(PQnfields) X(PQntuples) X(PQport) X(PQresultErrorField) X(PQresultErrorMessage) X(PQresultStatus)                  \
  X(PQsetClientEncoding) X(PQsetErrorVerbosity) X(PQsetNoticeProcessor) X(PQsocket) X(PQstatus)                       \
  X(PQtransactionStatus) X(PQuser)

NTM_LAZY_LIBRARY(LibPq, libpq, NTM_LIBPQ_FUNCTIONS, "libpq.so.5", "libpq5")

}  // namespace ntm::store
