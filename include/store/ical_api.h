/*
 * The libical functions the store and the iCalendar exchange call, found
 * at run time (base/dlib.h says why): recurrence rules (store/recur.c,
 * recur_scan.c) and the .ics reader and writer (exchange/ical_*.c).
 * libical pulls in ICU and libstdc++, some twenty megabytes relocated
 * before main; opened instead by the first rule expanded or checked and
 * the first calendar read or written, so that an agenda without a
 * recurring event never maps it.
 *
 * A file that includes this header calls libical through ical_api (the
 * #defines at the end turn icalrecur_iterator_new(...) into a call
 * through the table, and icalerrno, libical's own macro, into one of
 * icalerrno_return); the prototypes are libical's, so every call is
 * type-checked.  Call ical_api_load first: the table is empty until
 * then.  libical's global state (the error flag and its fatality, the
 * built-in time zones) is libical's own as before; the library is never
 * closed, so its zones live until exit as they did when it was linked.
 */
#ifndef STORE_ICAL_API_H
#define STORE_ICAL_API_H

#include <libical/ical.h>

#include "base/err.h"

#define ICAL_API_FUNCS(X) \
	X(0, icalcomponent_add_component) \
	X(0, icalcomponent_add_property) \
	X(0, icalcomponent_as_ical_string_r) \
	X(0, icalcomponent_free) \
	X(0, icalcomponent_get_first_component) \
	X(0, icalcomponent_get_first_property) \
	X(0, icalcomponent_get_next_component) \
	X(0, icalcomponent_get_next_property) \
	X(0, icalcomponent_get_timezone) \
	X(0, icalcomponent_isa) \
	X(0, icalcomponent_kind_to_string) \
	X(0, icalcomponent_new_clone) \
	X(0, icalcomponent_new_valarm) \
	X(0, icalcomponent_new_vcalendar) \
	X(0, icalcomponent_new_vevent) \
	X(0, icalcomponent_new_vtodo) \
	X(0, icaldurationtype_as_int) \
	X(0, icaldurationtype_from_int) \
	X(0, icalerrno_return) \
	X(0, icalerror_clear_errno) \
	X(0, icalerror_set_errors_are_fatal) \
	X(0, icalparameter_get_tzid) \
	X(0, icalparameter_new_tzid) \
	X(0, icalparser_parse_string) \
	X(0, icalproperty_add_parameter) \
	X(0, icalproperty_get_categories) \
	X(0, icalproperty_get_duration) \
	X(0, icalproperty_get_exdate) \
	X(0, icalproperty_get_first_parameter) \
	X(0, icalproperty_get_priority) \
	X(0, icalproperty_get_rrule) \
	X(0, icalproperty_get_status) \
	X(0, icalproperty_get_trigger) \
	X(0, icalproperty_get_value) \
	X(0, icalproperty_get_value_as_string) \
	X(0, icalproperty_get_value_as_string_r) \
	X(0, icalproperty_get_x) \
	X(0, icalproperty_get_x_name) \
	X(0, icalproperty_get_xlicerror) \
	X(0, icalproperty_isa) \
	X(0, icalproperty_kind_to_string) \
	X(0, icalproperty_new) \
	X(0, icalproperty_new_action) \
	X(0, icalproperty_new_calscale) \
	X(0, icalproperty_new_categories) \
	X(0, icalproperty_new_description) \
	X(0, icalproperty_new_dtstamp) \
	X(0, icalproperty_new_location) \
	X(0, icalproperty_new_priority) \
	X(0, icalproperty_new_prodid) \
	X(0, icalproperty_new_rrule) \
	X(0, icalproperty_new_status) \
	X(0, icalproperty_new_summary) \
	X(0, icalproperty_new_trigger) \
	X(0, icalproperty_new_uid) \
	X(0, icalproperty_new_version) \
	X(0, icalproperty_new_x) \
	X(0, icalproperty_set_tzid) \
	X(0, icalproperty_set_value) \
	X(0, icalproperty_set_x_name) \
	X(0, icalrecur_freq_to_string) \
	X(0, icalrecur_iterator_free) \
	X(0, icalrecur_iterator_new) \
	X(0, icalrecur_iterator_next) \
	X(0, icalrecur_iterator_set_start) \
	X(0, icalrecurrencetype_as_string_r) \
	X(0, icalrecurrencetype_day_day_of_week) \
	X(0, icalrecurrencetype_day_position) \
	X(0, icalrecurrencetype_from_string) \
	X(0, icalrecurrencetype_month_is_leap) \
	X(0, icalrecurrencetype_month_month) \
	X(0, icaltime_as_timet_with_zone) \
	X(0, icaltime_compare) \
	X(0, icaltime_from_timet_with_zone) \
	X(0, icaltime_is_null_time) \
	X(0, icaltime_is_utc) \
	X(0, icaltime_null_time) \
	X(0, icaltimezone_get_builtin_timezone) \
	X(0, icaltimezone_get_component) \
	X(0, icaltimezone_get_utc_timezone) \
	X(0, icalvalue_get_datetime) \
	X(0, icalvalue_get_text) \
	X(0, icalvalue_isa) \
	X(0, icalvalue_new_date) \
	X(0, icalvalue_new_datetime)

struct ical_api {
#define ICAL_API_MEMBER(so, f)	__typeof__(f) *f;
	ICAL_API_FUNCS(ICAL_API_MEMBER)
#undef ICAL_API_MEMBER
};

extern struct ical_api ical_api;

/* Opens libical and finds every function, once; later calls are free.
 * SO_ERR naming the library and the Debian package when it fails. */
int	ical_api_load(struct so_err *err);

#ifndef ICAL_API_NO_CALLS
#define icalcomponent_add_component	(ical_api.icalcomponent_add_component)
#define icalcomponent_add_property	(ical_api.icalcomponent_add_property)
#define icalcomponent_as_ical_string_r	(ical_api.icalcomponent_as_ical_string_r)
#define icalcomponent_free	(ical_api.icalcomponent_free)
#define icalcomponent_get_first_component	(ical_api.icalcomponent_get_first_component)
#define icalcomponent_get_first_property	(ical_api.icalcomponent_get_first_property)
#define icalcomponent_get_next_component	(ical_api.icalcomponent_get_next_component)
#define icalcomponent_get_next_property	(ical_api.icalcomponent_get_next_property)
#define icalcomponent_get_timezone	(ical_api.icalcomponent_get_timezone)
#define icalcomponent_isa	(ical_api.icalcomponent_isa)
#define icalcomponent_kind_to_string	(ical_api.icalcomponent_kind_to_string)
#define icalcomponent_new_clone	(ical_api.icalcomponent_new_clone)
#define icalcomponent_new_valarm	(ical_api.icalcomponent_new_valarm)
#define icalcomponent_new_vcalendar	(ical_api.icalcomponent_new_vcalendar)
#define icalcomponent_new_vevent	(ical_api.icalcomponent_new_vevent)
#define icalcomponent_new_vtodo	(ical_api.icalcomponent_new_vtodo)
#define icaldurationtype_as_int	(ical_api.icaldurationtype_as_int)
#define icaldurationtype_from_int	(ical_api.icaldurationtype_from_int)
#define icalerrno_return	(ical_api.icalerrno_return)
#define icalerror_clear_errno	(ical_api.icalerror_clear_errno)
#define icalerror_set_errors_are_fatal	(ical_api.icalerror_set_errors_are_fatal)
#define icalparameter_get_tzid	(ical_api.icalparameter_get_tzid)
#define icalparameter_new_tzid	(ical_api.icalparameter_new_tzid)
#define icalparser_parse_string	(ical_api.icalparser_parse_string)
#define icalproperty_add_parameter	(ical_api.icalproperty_add_parameter)
#define icalproperty_get_categories	(ical_api.icalproperty_get_categories)
#define icalproperty_get_duration	(ical_api.icalproperty_get_duration)
#define icalproperty_get_exdate	(ical_api.icalproperty_get_exdate)
#define icalproperty_get_first_parameter	(ical_api.icalproperty_get_first_parameter)
#define icalproperty_get_priority	(ical_api.icalproperty_get_priority)
#define icalproperty_get_rrule	(ical_api.icalproperty_get_rrule)
#define icalproperty_get_status	(ical_api.icalproperty_get_status)
#define icalproperty_get_trigger	(ical_api.icalproperty_get_trigger)
#define icalproperty_get_value	(ical_api.icalproperty_get_value)
#define icalproperty_get_value_as_string	(ical_api.icalproperty_get_value_as_string)
#define icalproperty_get_value_as_string_r	(ical_api.icalproperty_get_value_as_string_r)
#define icalproperty_get_x	(ical_api.icalproperty_get_x)
#define icalproperty_get_x_name	(ical_api.icalproperty_get_x_name)
#define icalproperty_get_xlicerror	(ical_api.icalproperty_get_xlicerror)
#define icalproperty_isa	(ical_api.icalproperty_isa)
#define icalproperty_kind_to_string	(ical_api.icalproperty_kind_to_string)
#define icalproperty_new	(ical_api.icalproperty_new)
#define icalproperty_new_action	(ical_api.icalproperty_new_action)
#define icalproperty_new_calscale	(ical_api.icalproperty_new_calscale)
#define icalproperty_new_categories	(ical_api.icalproperty_new_categories)
#define icalproperty_new_description	(ical_api.icalproperty_new_description)
#define icalproperty_new_dtstamp	(ical_api.icalproperty_new_dtstamp)
#define icalproperty_new_location	(ical_api.icalproperty_new_location)
#define icalproperty_new_priority	(ical_api.icalproperty_new_priority)
#define icalproperty_new_prodid	(ical_api.icalproperty_new_prodid)
#define icalproperty_new_rrule	(ical_api.icalproperty_new_rrule)
#define icalproperty_new_status	(ical_api.icalproperty_new_status)
#define icalproperty_new_summary	(ical_api.icalproperty_new_summary)
#define icalproperty_new_trigger	(ical_api.icalproperty_new_trigger)
#define icalproperty_new_uid	(ical_api.icalproperty_new_uid)
#define icalproperty_new_version	(ical_api.icalproperty_new_version)
#define icalproperty_new_x	(ical_api.icalproperty_new_x)
#define icalproperty_set_tzid	(ical_api.icalproperty_set_tzid)
#define icalproperty_set_value	(ical_api.icalproperty_set_value)
#define icalproperty_set_x_name	(ical_api.icalproperty_set_x_name)
#define icalrecur_freq_to_string	(ical_api.icalrecur_freq_to_string)
#define icalrecur_iterator_free	(ical_api.icalrecur_iterator_free)
#define icalrecur_iterator_new	(ical_api.icalrecur_iterator_new)
#define icalrecur_iterator_next	(ical_api.icalrecur_iterator_next)
#define icalrecur_iterator_set_start	(ical_api.icalrecur_iterator_set_start)
#define icalrecurrencetype_as_string_r	(ical_api.icalrecurrencetype_as_string_r)
#define icalrecurrencetype_day_day_of_week	(ical_api.icalrecurrencetype_day_day_of_week)
#define icalrecurrencetype_day_position	(ical_api.icalrecurrencetype_day_position)
#define icalrecurrencetype_from_string	(ical_api.icalrecurrencetype_from_string)
#define icalrecurrencetype_month_is_leap	(ical_api.icalrecurrencetype_month_is_leap)
#define icalrecurrencetype_month_month	(ical_api.icalrecurrencetype_month_month)
#define icaltime_as_timet_with_zone	(ical_api.icaltime_as_timet_with_zone)
#define icaltime_compare	(ical_api.icaltime_compare)
#define icaltime_from_timet_with_zone	(ical_api.icaltime_from_timet_with_zone)
#define icaltime_is_null_time	(ical_api.icaltime_is_null_time)
#define icaltime_is_utc	(ical_api.icaltime_is_utc)
#define icaltime_null_time	(ical_api.icaltime_null_time)
#define icaltimezone_get_builtin_timezone	(ical_api.icaltimezone_get_builtin_timezone)
#define icaltimezone_get_component	(ical_api.icaltimezone_get_component)
#define icaltimezone_get_utc_timezone	(ical_api.icaltimezone_get_utc_timezone)
#define icalvalue_get_datetime	(ical_api.icalvalue_get_datetime)
#define icalvalue_get_text	(ical_api.icalvalue_get_text)
#define icalvalue_isa	(ical_api.icalvalue_isa)
#define icalvalue_new_date	(ical_api.icalvalue_new_date)
#define icalvalue_new_datetime	(ical_api.icalvalue_new_datetime)
#endif

#endif
