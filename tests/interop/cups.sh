# A private CUPS for the printing tests (sourced after lib.sh).
#
# cupsd runs from its own configuration in a scratch directory $CT,
# listening only on a Unix socket there; CUPS_SERVER points lpr, lpstat
# and lpadmin (and salesorg's lpr) at it, so the machine's own CUPS, its
# printers and its default destination are never touched.  The queue
# prints to cups-pdf, whose backend only reads its configuration from
# /etc/cups: each queue gets its own /etc/cups/cups-pdf-QUEUE.conf
# (named by the device URI cups-pdf:/QUEUE) sending its PDFs to
# $CT/pdf/QUEUE, and that file is removed again at exit with cupsd
# stopped.
#
# The queue renders with pdftocairo (pdftops-renderer-default): with the
# default renderer the PDF cups-pdf writes keeps no text that pdftotext
# can read back, and the test has to read the names.
#
# Needs root (cupsd, and the cups-pdf backend runs as root only under a
# root cupsd) and the packages cups, cups-bsd, cups-client,
# printer-driver-cups-pdf, poppler-utils (.ci/deps).
#
#	cups_start || exit		# prints why it cannot and skips
#	cups_add_pdf_queue QUEUE
#	lpr -P QUEUE file.pdf
#	pdf=$(cups_wait_pdf QUEUE 60) || fail ...

CT=
CUPS_PID=
CUPS_CONFS=

cups_stop() {
	if [ -n "$CUPS_PID" ]; then
		kill "$CUPS_PID" 2>/dev/null
		wait "$CUPS_PID" 2>/dev/null
		CUPS_PID=
	fi
	for c in $CUPS_CONFS; do
		rm -f "$c"
	done
	CUPS_CONFS=
	[ -n "$CT" ] && rm -rf "$CT"
	CT=
}
trap 'cups_stop; rm -rf "$T"' EXIT
trap 'exit 1' INT TERM HUP PIPE

# Why CUPS cannot run here, or nothing.
cups_missing() {
	[ "$(id -u)" -eq 0 ] || { echo "not root"; return; }
	for p in cupsd lpadmin lpstat lpr pdfinfo pdftotext; do
		command -v "$p" >/dev/null 2>&1 ||
		    [ -x "/usr/sbin/$p" ] || { echo "no $p"; return; }
	done
	[ -x /usr/lib/cups/backend/cups-pdf ] ||
	    { echo "no cups-pdf backend"; return; }
	[ -n "$(cups_ppd)" ] || echo "no cups-pdf PPD"
}

# The cups-pdf PPD file.
cups_ppd() {
	for f in /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd \
	    /usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd \
	    /usr/share/ppd/cups-pdf/CUPS-PDF.ppd; do
		[ -f "$f" ] && { echo "$f"; return; }
	done
}

# The scheduler's error log without its debug lines (for a failure).
cups_log() {
	grep -v '^D' "$CT/log/error_log" 2>/dev/null | tail -n "${1:-15}"
}

cups_start() {
	why=$(cups_missing)
	if [ -n "$why" ]; then
		echo "skip $(basename "$0"): CUPS cannot run here ($why)"
		return 1
	fi
	PATH=$PATH:/usr/sbin:/sbin
	CT=$(mktemp -d /tmp/so-cups-XXXXXX)
	# filters run as lp and must reach the spool
	chmod 755 "$CT"
	mkdir -p "$CT/etc/ppd" "$CT/spool/tmp" "$CT/state" "$CT/cache" \
	    "$CT/log" "$CT/pdf"
	cat >"$CT/cupsd.conf" <<EOF
Listen $CT/cups.sock
LogLevel debug
Browsing No
WebInterface No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Location /admin>
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order allow,deny
    Allow all
  </Limit>
</Policy>
EOF
	cat >"$CT/cups-files.conf" <<EOF
ServerRoot $CT/etc
RequestRoot $CT/spool
TempDir $CT/spool/tmp
StateDir $CT/state
CacheDir $CT/cache
ErrorLog $CT/log/error_log
AccessLog $CT/log/access_log
PageLog $CT/log/page_log
SystemGroup root
FileDevice No
EOF
	CUPS_SERVER=$CT/cups.sock
	export CUPS_SERVER
	cupsd -f -c "$CT/cupsd.conf" -s "$CT/cups-files.conf" \
	    >"$CT/log/cupsd.out" 2>&1 &
	CUPS_PID=$!
	i=0
	while ! lpstat -r 2>/dev/null | grep -q "scheduler is running"; do
		i=$((i + 1))
		if [ "$i" -gt 150 ] || ! kill -0 "$CUPS_PID" 2>/dev/null; then
			echo "cupsd did not start:"
			cat "$CT/log/cupsd.out"
			cups_log
			return 1
		fi
		sleep 0.1
	done
}

# cups_add_pdf_queue QUEUE: a cups-pdf printer writing to $CT/pdf/QUEUE.
cups_add_pdf_queue() {
	q=$1
	mkdir -p "$CT/pdf/$q"
	conf=/etc/cups/cups-pdf-$q.conf
	CUPS_CONFS="$CUPS_CONFS $conf"
	cat >"$conf" <<EOF
Out $CT/pdf/$q
Spool $CT/cups-pdf-spool
Log $CT/log
LogType 3
Label 1
EOF
	lpadmin -p "$q" -E -v "cups-pdf:/$q" -P "$(cups_ppd)" \
	    -o pdftops-renderer-default=pdftocairo 2>"$CT/log/lpadmin.err" ||
	    { cat "$CT/log/lpadmin.err"; return 1; }
}

# cups_wait_pdf QUEUE SECONDS: waits until QUEUE has no job left and
# cups-pdf's file is there; prints its path (the newest), or fails
# after SECONDS showing the scheduler's log.
cups_wait_pdf() {
	q=$1
	end=$(($(date +%s) + $2))	# a duration, not a date
	while [ "$(date +%s)" -le "$end" ]; do	# a duration, not a date
		if [ -z "$(lpstat -o "$q" 2>/dev/null)" ]; then
			f=$(ls -t "$CT/pdf/$q"/*.pdf 2>/dev/null | head -n 1)
			if [ -n "$f" ]; then
				echo "$f"
				return 0
			fi
		fi
		sleep 0.2
	done
	echo "no PDF from $q after $2 s; jobs: $(lpstat -o "$q")" >&2
	cups_log >&2
	return 1
}

# cups_clear QUEUE: forget the PDFs printed so far.
cups_clear() {
	rm -f "$CT/pdf/$1"/*.pdf
}
