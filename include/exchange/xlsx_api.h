/*
 * The libzip and expat functions the .xlsx reader calls (exchange/
 * xlsx.c), found at run time (base/dlib.h says why: libzip pulls in
 * libcrypto, and only an import reads a workbook).  Including this
 * header turns each zip_open(...) and XML_ParserCreate(...) into a call
 * through xlsx_api, with libzip's and expat's own prototypes; call
 * xlsx_api_load first.  The unit tests write their workbooks with the
 * same table (zip_file_add and the rest), and so does the document's
 * .xlsx writer (doc/xlsx.c; zip_source_filep for its sheets).
 */
#ifndef EXCHANGE_XLSX_API_H
#define EXCHANGE_XLSX_API_H

#include <expat.h>
#include <zip.h>

#include "base/err.h"

#define XLSX_API_FUNCS(X) \
	X(1, XML_ErrorString) \
	X(1, XML_GetBuffer) \
	X(1, XML_GetCurrentByteCount) \
	X(1, XML_GetCurrentByteIndex) \
	X(1, XML_GetCurrentLineNumber) \
	X(1, XML_GetErrorCode) \
	X(1, XML_Parse) \
	X(1, XML_ParseBuffer) \
	X(1, XML_ParserCreate) \
	X(1, XML_ParserCreateNS) \
	X(1, XML_ParserFree) \
	X(1, XML_SetCharacterDataHandler) \
	X(1, XML_SetDefaultHandlerExpand) \
	X(1, XML_SetElementHandler) \
	X(1, XML_SetStartDoctypeDeclHandler) \
	X(1, XML_SetUserData) \
	X(1, XML_StopParser) \
	X(0, zip_close) \
	X(0, zip_dir_add) \
	X(0, zip_discard) \
	X(0, zip_error_fini) \
	X(0, zip_error_init_with_code) \
	X(0, zip_error_strerror) \
	X(0, zip_fclose) \
	X(0, zip_file_add) \
	X(0, zip_file_get_error) \
	X(0, zip_fopen_index) \
	X(0, zip_fread) \
	X(0, zip_get_name) \
	X(0, zip_get_num_entries) \
	X(0, zip_name_locate) \
	X(0, zip_open) \
	X(0, zip_set_file_compression) \
	X(0, zip_source_buffer) \
	X(0, zip_source_filep) \
	X(0, zip_source_free) \
	X(0, zip_source_zip) \
	X(0, zip_stat_index) \
	X(0, zip_strerror)

struct xlsx_api {
#define XLSX_API_MEMBER(so, f)	__typeof__(f) *f;
	XLSX_API_FUNCS(XLSX_API_MEMBER)
#undef XLSX_API_MEMBER
};

extern struct xlsx_api xlsx_api;

/* Opens libzip and expat and finds every function, once; SO_ERR naming
 * the library and the Debian package when it fails. */
int	xlsx_api_load(struct so_err *err);

#ifndef XLSX_API_NO_CALLS
#define XML_ErrorString	(xlsx_api.XML_ErrorString)
#define XML_GetBuffer	(xlsx_api.XML_GetBuffer)
#define XML_GetCurrentByteCount	(xlsx_api.XML_GetCurrentByteCount)
#define XML_GetCurrentByteIndex	(xlsx_api.XML_GetCurrentByteIndex)
#define XML_GetCurrentLineNumber	(xlsx_api.XML_GetCurrentLineNumber)
#define XML_GetErrorCode	(xlsx_api.XML_GetErrorCode)
#define XML_Parse	(xlsx_api.XML_Parse)
#define XML_ParseBuffer	(xlsx_api.XML_ParseBuffer)
#define XML_ParserCreate	(xlsx_api.XML_ParserCreate)
#define XML_ParserCreateNS	(xlsx_api.XML_ParserCreateNS)
#define XML_ParserFree	(xlsx_api.XML_ParserFree)
#define XML_SetCharacterDataHandler	(xlsx_api.XML_SetCharacterDataHandler)
#define XML_SetDefaultHandlerExpand	(xlsx_api.XML_SetDefaultHandlerExpand)
#define XML_SetElementHandler	(xlsx_api.XML_SetElementHandler)
#define XML_SetStartDoctypeDeclHandler	(xlsx_api.XML_SetStartDoctypeDeclHandler)
#define XML_SetUserData	(xlsx_api.XML_SetUserData)
#define XML_StopParser	(xlsx_api.XML_StopParser)
#define zip_close	(xlsx_api.zip_close)
#define zip_dir_add	(xlsx_api.zip_dir_add)
#define zip_discard	(xlsx_api.zip_discard)
#define zip_error_fini	(xlsx_api.zip_error_fini)
#define zip_error_init_with_code	(xlsx_api.zip_error_init_with_code)
#define zip_error_strerror	(xlsx_api.zip_error_strerror)
#define zip_fclose	(xlsx_api.zip_fclose)
#define zip_file_add	(xlsx_api.zip_file_add)
#define zip_file_get_error	(xlsx_api.zip_file_get_error)
#define zip_fopen_index	(xlsx_api.zip_fopen_index)
#define zip_fread	(xlsx_api.zip_fread)
#define zip_get_name	(xlsx_api.zip_get_name)
#define zip_get_num_entries	(xlsx_api.zip_get_num_entries)
#define zip_name_locate	(xlsx_api.zip_name_locate)
#define zip_open	(xlsx_api.zip_open)
#define zip_set_file_compression	(xlsx_api.zip_set_file_compression)
#define zip_source_buffer	(xlsx_api.zip_source_buffer)
#define zip_source_filep	(xlsx_api.zip_source_filep)
#define zip_source_free	(xlsx_api.zip_source_free)
#define zip_source_zip	(xlsx_api.zip_source_zip)
#define zip_stat_index	(xlsx_api.zip_stat_index)
#define zip_strerror	(xlsx_api.zip_strerror)
#endif

#endif
