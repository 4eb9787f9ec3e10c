#!/usr/bin/env bash
# mailstack.sh: a private Dovecot (or Cyrus) + Postfix on loopback for followup's integration tests.
#
#   scripts/mailstack.sh install      install Debian's packages when missing (root)
#   scripts/mailstack.sh start DIR    start an instance in DIR (made if missing); writes DIR/stack.env
#   scripts/mailstack.sh stop DIR     stop it (DIR itself is left for the caller to remove)
#   scripts/mailstack.sh stop-imap DIR, start-imap DIR
#                                     stop, or start again, only its IMAP server (the tests' server restart)
#
# The instance: Postfix on SMTP_PORT (STARTTLS) and SMTPS_PORT (implicit TLS), with SASL AUTH through Dovecot's auth service, delivering over
# LMTP to Dovecot; Dovecot serving IMAP on IMAP_PORT (STARTTLS) and IMAPS_PORT (implicit TLS), with IDLE and
# Sieve (vacation). Every address of the test domains not in DIR/users is unknown: Postfix accepts it, LMTP
# refuses it, and Postfix returns a real RFC 3464 delivery-status report to the sender.
#
# MAILSTACK_IMAP=cyrus serves IMAP (and LMTP, and Sieve over ManageSieve) from Cyrus IMAP instead,
# what Fastmail runs: a private Cyrus master beside a Dovecot that then only authenticates Postfix's
# SASL clients. Debian's cyrus-imapd conflicts with dovecot-imapd, so its two programs (imapd,
# idled) are unpacked from the package into CYRUS_BIN; cyrus-common (master, lmtpd, timsieved)
# installs beside Dovecot.
set -euo pipefail

PACKAGES=(dovecot-imapd dovecot-lmtpd dovecot-sieve postfix openssl imapfilter)
PASSWORD=${MAILSTACK_PASSWORD:-test-password}
USERS=(alice@owner.test jane@acme.test raj@acme.test hr@acme.test pat@acme.test bob@other.test)
IMAP_SERVER=${MAILSTACK_IMAP:-dovecot}
CYRUS_BIN=${MAILSTACK_CYRUS_BIN:-/usr/local/lib/followup-mailstack/cyrus}
CYRUS_LIB=/usr/lib/cyrus/bin
case "$IMAP_SERVER" in dovecot | cyrus) ;; *) echo "mailstack: MAILSTACK_IMAP=$IMAP_SERVER: want dovecot or cyrus" >&2; exit 2 ;; esac

die() { echo "mailstack: $*" >&2; exit 1; }

install_packages() {
	local missing=()
	command -v dovecot >/dev/null || missing+=(dovecot-imapd)
	[ -e /usr/lib/dovecot/lmtp ] || missing+=(dovecot-lmtpd)
	[ -e /usr/lib/dovecot/modules/lib90_sieve_plugin.so ] || missing+=(dovecot-sieve)
	[ -e /usr/lib/dovecot/imap ] || missing+=(dovecot-imapd)
	command -v postfix >/dev/null || missing+=(postfix)
	command -v openssl >/dev/null || missing+=(openssl)
	command -v imapfilter >/dev/null || missing+=(imapfilter) # the benchmarks' bare IDLE client and do-it-yourself baseline
	if [ "$IMAP_SERVER" = cyrus ]; then
		[ -x $CYRUS_LIB/master ] || missing+=(cyrus-common)
		command -v saslpasswd2 >/dev/null || missing+=(sasl2-bin)
	fi
	if [ ${#missing[@]} -eq 0 ]; then
		[ "$IMAP_SERVER" = cyrus ] && install_cyrus_imapd
		return 0
	fi
	[ "$(id -u)" = 0 ] || die "missing ${missing[*]}; run as root or: apt-get install ${PACKAGES[*]}"
	echo "mailstack: installing ${missing[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	# Keep the system's own services down: the instance we start is private.
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
		trap 'rm -f /usr/sbin/policy-rc.d' EXIT
	fi
	echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections 2>/dev/null || true
	apt-get update -qq >&2
	local packages=("${PACKAGES[@]}")
	[ "$IMAP_SERVER" = cyrus ] && packages+=(cyrus-common sasl2-bin)
	apt-get install -y -qq --no-install-recommends "${packages[@]}" >&2
	if [ "$IMAP_SERVER" = cyrus ]; then
		# cyrus-common enables a system-wide Cyrus at boot; the instance we start is private.
		rm -f /etc/systemd/system/multi-user.target.wants/cyrus-imapd.service
		install_cyrus_imapd
	fi
}

# install_cyrus_imapd unpacks Cyrus's IMAP server (imapd, idled) from Debian's cyrus-imapd, whose
# package would remove Dovecot's IMAP server, into CYRUS_BIN.
install_cyrus_imapd() {
	[ -x "$CYRUS_BIN/imapd" ] && [ -x "$CYRUS_BIN/idled" ] && return 0
	[ "$(id -u)" = 0 ] || die "missing $CYRUS_BIN/imapd; run as root"
	local tmp version
	tmp=$(mktemp -d)
	# The same version as cyrus-common's lmtpd and master, which share its libraries.
	version=$(dpkg-query -W -f '${Version}' cyrus-common)
	(cd "$tmp" && apt-get download -qq "cyrus-imapd=$version" >&2 2>/dev/null) ||
		{ apt-get update -qq >&2 && (cd "$tmp" && apt-get download -qq "cyrus-imapd=$version" >&2); } ||
		die "apt-get download cyrus-imapd=$version failed"
	dpkg-deb -x "$tmp"/cyrus-imapd_*.deb "$tmp/root"
	mkdir -p "$CYRUS_BIN"
	install -m 0755 "$tmp/root/usr/lib/cyrus/bin/imapd" "$tmp/root/usr/lib/cyrus/bin/idled" "$CYRUS_BIN/"
	rm -rf "$tmp"
	echo "mailstack: Cyrus imapd $version unpacked into $CYRUS_BIN" >&2
}

# pick_ports sets the instance's seven ports: below the kernel's ephemeral range (where no outgoing
# connection can be holding one), distinct, and not listening now. Concurrent starts (test packages run
# in parallel) take the lock in start, so two instances never pick the same free port.
pick_ports() {
	local lo taken=" " p name
	read -r lo _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || lo=32768
	[ "$lo" -gt 12000 ] || lo=32768
	for name in IMAP_PORT IMAPS_PORT LMTP_PORT SMTP_PORT SMTPS_PORT AUTH_PORT SIEVE_PORT; do
		p=""
		for _ in $(seq 200); do
			p=$((10000 + RANDOM % (lo - 10000)))
			[[ $taken == *" $p "* ]] && { p=""; continue; }
			(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && { p=""; continue; }
			break
		done
		[ -n "$p" ] || die "no free port below $lo"
		taken+="$p "
		printf -v "$name" %s "$p"
	done
}

wait_port() {
	local port=$1 name=$2
	for _ in $(seq 300); do
		if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
		sleep 0.05
	done
	echo "mailstack: $name did not listen on 127.0.0.1:$port" >&2
	return 1
}

start() {
	[ "$(id -u)" = 0 ] || die "start needs root (Postfix and Dovecot drop privileges themselves)"
	install_packages
	mkdir -p "$DIR"
	DIR=$(cd "$DIR" && pwd)
	chmod 0755 "$DIR"
	mkdir -p "$DIR"/{log,run,state,mail,tls,postfix,spool,data,sieve}
	local IMAP_PORT IMAPS_PORT LMTP_PORT SMTP_PORT SMTPS_PORT AUTH_PORT SIEVE_PORT attempt
	# From picking the ports until the servers listen on them, one start at a time. The lock's
	# descriptor is closed for the servers themselves, so it is released when this script ends.
	exec 9>>"${TMPDIR:-/tmp}/followup-mailstack.lock"
	flock 9
	for attempt in 1 2 3; do
		pick_ports
		configure
		if launch; then
			exec 9>&-
			env_file
			return 0
		fi
		echo "mailstack: attempt $attempt failed: $(tail -n 3 "$DIR"/log/*-start.log 2>/dev/null | tr '\n' ' ')" >&2
		stop
	done
	die "$IMAP_SERVER and postfix did not start in 3 attempts; see $DIR/log"
}

# configure writes the instance's certificates, users and the two servers' configuration.
configure() {

	# A CA and a server certificate for localhost / 127.0.0.1, trusted by the tests through ca_file.
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=followup test CA" \
		-keyout "$DIR/tls/ca.key" -out "$DIR/tls/ca.pem" \
		-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
	openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
		-keyout "$DIR/tls/server.key" -out "$DIR/tls/server.csr" 2>/dev/null
	printf 'subjectAltName=DNS:localhost,DNS:mail.followup.test,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >"$DIR/tls/ext.cnf"
	openssl x509 -req -in "$DIR/tls/server.csr" -CA "$DIR/tls/ca.pem" -CAkey "$DIR/tls/ca.key" \
		-CAcreateserial -days 2 -extfile "$DIR/tls/ext.cnf" -out "$DIR/tls/server.pem" 2>/dev/null
	chmod 0644 "$DIR/tls/server.pem" "$DIR/tls/ca.pem"; chmod 0600 "$DIR/tls/server.key"

	# Virtual users: all mail is owned by nobody:nogroup under DIR/mail/DOMAIN/USER.
	local uid gid
	uid=$(id -u nobody); gid=$(getent group nogroup | cut -d: -f3)
	: >"$DIR/users"
	for u in "${USERS[@]}"; do
		local local=${u%@*} domain=${u#*@}
		mkdir -p "$DIR/mail/$domain/$local"
		echo "$u:{PLAIN}$PASSWORD:$uid:$gid::$DIR/mail/$domain/$local::" >>"$DIR/users"
	done
	chown -R nobody:nogroup "$DIR/mail"
	chmod 0640 "$DIR/users"; chown root:dovecot "$DIR/users"

	# XOAUTH2 (RFC 7628 style bearer tokens) when the caller serves a token introspection
	# endpoint (OAUTH2_INTROSPECTION_URL): Dovecot asks it about each token.
	local oauth2="" oauth2_mechs=""
	if [ -n "${OAUTH2_INTROSPECTION_URL:-}" ]; then
		cat >"$DIR/oauth2.conf.ext" <<CONF
introspection_mode = post
introspection_url = $OAUTH2_INTROSPECTION_URL
username_attribute = username
active_attribute = active
active_value = true
CONF
		oauth2=$(printf 'passdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = %s\n}\n' "$DIR/oauth2.conf.ext")
		oauth2_mechs=" xoauth2 oauthbearer"
	fi
	local dh="" dovecot_protocols="imap lmtp" lmtp_port=$LMTP_PORT
	[ -e /usr/share/dovecot/dh.pem ] && dh="ssl_dh = </usr/share/dovecot/dh.pem"
	# With Cyrus serving IMAP and LMTP, Dovecot only authenticates Postfix's SASL clients.
	[ "$IMAP_SERVER" = cyrus ] && dovecot_protocols=none
	cat >"$DIR/dovecot.conf" <<CONF
base_dir = $DIR/run
state_dir = $DIR/state
instance_name = followup-test-$$
log_path = $DIR/log/dovecot.log
info_log_path = $DIR/log/dovecot.log
protocols = $dovecot_protocols
listen = 127.0.0.1
first_valid_uid = 1
mail_location = maildir:~/Maildir
# A test stack: no fsync per message (the benchmarks store tens of thousands).
mail_fsync = never
# Only Dovecot touches these maildirs (LMTP delivers, IMAP reads), the case Dovecot's documentation
# gives for this setting. Without it, the first FETCH of each new message in a large folder fails to
# find the file that IDLE's sync just moved from new/ to cur/ and rereads all of cur/: 30-50 ms a
# message at 20,000 messages (measured with strace), a server cost the benchmarks' bare-IDLE floor
# never pays.
maildir_very_dirty_syncs = yes
# "imap [user ip]" in the process list: the benchmarks kill one user's IMAP processes.
verbose_proctitle = yes
mail_plugins = \$mail_plugins
ssl = yes
ssl_cert = <$DIR/tls/server.pem
ssl_key = <$DIR/tls/server.key
$dh
disable_plaintext_auth = yes
auth_mechanisms = plain login$oauth2_mechs
auth_verbose = yes
submission_host = 127.0.0.1:$SMTP_PORT
hostname = mail.followup.test
postmaster_address = postmaster@owner.test
passdb {
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%u $DIR/users
}
$oauth2
userdb {
  driver = passwd-file
  args = username_format=%u $DIR/users
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $IMAPS_PORT
    ssl = yes
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $LMTP_PORT
  }
}
service auth {
  inet_listener auth {
    address = 127.0.0.1
    port = $AUTH_PORT
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
protocol lmtp {
  mail_plugins = \$mail_plugins sieve
  postmaster_address = postmaster@owner.test
}
protocol imap {
  imap_idle_notify_interval = 1 secs
}
plugin {
  sieve = file:~/sieve;active=~/.dovecot.sieve
  sieve_vacation_send_from_recipient = yes
  sieve_vacation_min_period = 0
  sieve_vacation_dont_check_recipient = yes
}
CONF

	local domains="owner.test acme.test other.test"
	cat >"$DIR/postfix/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $DIR/spool
data_directory = $DIR/data
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
meta_directory = /etc/postfix
shlib_directory = /usr/lib/postfix
mail_owner = postfix
setgid_group = postdrop
myhostname = mail.followup.test
mydomain = followup.test
myorigin = followup.test
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
maillog_file = $DIR/log/postfix.log
maillog_file_prefixes = $DIR
alias_maps =
alias_database =
local_recipient_maps =
relayhost =
virtual_mailbox_domains = $domains
virtual_transport = lmtp:inet:127.0.0.1:$lmtp_port
smtpd_banner = \$myhostname ESMTP followup-test
smtpd_tls_cert_file = $DIR/tls/server.pem
smtpd_tls_key_file = $DIR/tls/server.key
smtpd_tls_security_level = may
smtpd_tls_auth_only = yes
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = inet:127.0.0.1:$AUTH_PORT
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
# Tests make an address fail on purpose (450 or 550) by writing DIR/postfix/access; with
# max_use = 1 every connection gets a new smtpd that reads the file afresh.
smtpd_recipient_restrictions = check_recipient_access texthash:$DIR/postfix/access, permit_sasl_authenticated, reject_unauth_destination
max_use = 1
smtp_tls_security_level = none
lmtp_tls_security_level = none
smtputf8_enable = yes
message_size_limit = 20480000
delay_warning_time = 0
maximal_queue_lifetime = 1h
bounce_queue_lifetime = 1h
queue_run_delay = 10s
minimal_backoff_time = 10s
maximal_backoff_time = 30s
biff = no
CONF
	: >"$DIR/postfix/access"
	cat >"$DIR/postfix/master.cf" <<CONF
127.0.0.1:$SMTP_PORT inet n - n - - smtpd
127.0.0.1:$SMTPS_PORT inet n - n - - smtpd -o smtpd_tls_wrappermode=yes
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
CONF
	[ "$IMAP_SERVER" = cyrus ] && configure_cyrus
	return 0
}

# configure_cyrus writes a private Cyrus instance under DIR/cyrus: IMAP (STARTTLS and implicit TLS)
# with IDLE through idled, LMTP on TCP for Postfix, ManageSieve for vacation scripts, the users
# in a SASL database, and the namespace most Cyrus servers show (Fastmail's): folders beside INBOX,
# "/" as separator, Sent, Drafts and Trash made at the first login with their SPECIAL-USE flags.
configure_cyrus() {
	local c=$DIR/cyrus
	mkdir -p "$c"/{spool,sieve,run/socket,run/proc,run/lock,tls} "$c"/conf/{db,log,msg,proc,ptclient,quota,sieve,socket,user,lock}
	cp "$DIR/tls/server.pem" "$DIR/tls/server.key" "$c/tls/"
	cat >"$c/imapd.conf" <<CONF
configdirectory: $c/conf
defaultpartition: default
partition-default: $c/spool
sievedir: $c/sieve
proc_path: $c/run/proc
mboxname_lockpath: $c/run/lock
lmtpsocket: $c/run/socket/lmtp
idlesocket: $c/run/socket/idle
notifysocket: $c/run/socket/notify
altnamespace: yes
unixhierarchysep: yes
virtdomains: userid
lmtp_downcase_rcpt: yes
# UTF-8 headers (RFC 6532) are kept as they are, not turned into X.
munge8bit: no
allowplaintext: no
autocreate_quota: 0
autocreate_inbox_folders: Drafts | Sent | Trash
autocreate_subscribe_folders: Drafts | Sent | Trash
xlist-drafts: Drafts
xlist-sent: Sent
xlist-trash: Trash
sasl_pwcheck_method: auxprop
sasl_auxprop_plugin: sasldb
sasl_sasldb_path: $c/sasldb2
sasl_mech_list: PLAIN LOGIN
tls_server_cert: $c/tls/server.pem
tls_server_key: $c/tls/server.key
smtp_backend: host
smtp_host: 127.0.0.1:$SMTP_PORT
sieve_vacation_min_response: 1
syslog_prefix: followup-test-cyrus
umask: 077
CONF
	cat >"$c/cyrus.conf" <<CONF
START {
  recover cmd="$CYRUS_LIB/ctl_cyrusdb -C $c/imapd.conf -r"
}
SERVICES {
  imap cmd="$CYRUS_BIN/imapd -C $c/imapd.conf" listen="127.0.0.1:$IMAP_PORT" prefork=1
  imaps cmd="$CYRUS_BIN/imapd -s -C $c/imapd.conf" listen="127.0.0.1:$IMAPS_PORT" prefork=1
  lmtp cmd="$CYRUS_LIB/lmtpd -a -C $c/imapd.conf" listen="127.0.0.1:$LMTP_PORT" prefork=1
  sieve cmd="$CYRUS_LIB/timsieved -C $c/imapd.conf" listen="127.0.0.1:$SIEVE_PORT" prefork=0
}
EVENTS {
}
DAEMON {
  idled cmd="$CYRUS_BIN/idled -C $c/imapd.conf"
}
CONF
	rm -f "$c/sasldb2"
	for u in "${USERS[@]}"; do
		printf '%s' "$PASSWORD" | saslpasswd2 -p -c -f "$c/sasldb2" -u "${u#*@}" "${u%@*}"
	done
	chown -R cyrus:mail "$c"
	chmod 0600 "$c/tls/server.key" "$c/sasldb2"
}

# launch starts both servers and waits until they listen; it fails (for start to retry with other ports)
# when either does not come up.
launch() {
	: >"$DIR/log/dovecot-start.log"; : >"$DIR/log/postfix-start.log"
	echo "$DIR/dovecot.conf" >"$DIR/dovecot.started" # before: a master that fails half-way is stopped too
	dovecot -c "$DIR/dovecot.conf" </dev/null >>"$DIR/log/dovecot-start.log" 2>&1 9>&- || return 1
	postfix -c "$DIR/postfix" set-permissions >/dev/null 2>&1 9>&- || true
	postfix -c "$DIR/postfix" start </dev/null >"$DIR/log/postfix-start.log" 2>&1 9>&- || return 1
	echo "$DIR/postfix" >"$DIR/postfix.started"
	if [ "$IMAP_SERVER" = cyrus ]; then
		launch_cyrus || return 1
		wait_port "$SMTP_PORT" "postfix smtpd" && wait_port "$SMTPS_PORT" "postfix smtpd (implicit TLS)" || return 1
		cyrus_mailboxes
		return
	fi
	wait_port "$IMAP_PORT" "dovecot imap" &&
		wait_port "$IMAPS_PORT" "dovecot imaps" &&
		wait_port "$LMTP_PORT" "dovecot lmtp" &&
		wait_port "$SMTP_PORT" "postfix smtpd" &&
		wait_port "$SMTPS_PORT" "postfix smtpd (implicit TLS)"
}

launch_cyrus() {
	: >"$DIR/log/cyrus-start.log"
	echo "$DIR/cyrus" >"$DIR/cyrus.started"
	"$CYRUS_LIB/master" -C "$DIR/cyrus/imapd.conf" -M "$DIR/cyrus/cyrus.conf" -p "$DIR/cyrus/run/master.pid" -d \
		</dev/null >>"$DIR/log/cyrus-start.log" 2>&1 9>&- || return 1
	wait_port "$IMAP_PORT" "cyrus imap" &&
		wait_port "$IMAPS_PORT" "cyrus imaps" &&
		wait_port "$LMTP_PORT" "cyrus lmtp" &&
		wait_port "$SIEVE_PORT" "cyrus sieve"
}

# cyrus_mailboxes logs every user in once: Cyrus makes a mailbox (INBOX, Sent, Drafts, Trash) at
# the first login, and LMTP refuses mail for a user without one.
cyrus_mailboxes() {
	local u out
	for u in "${USERS[@]}"; do
		out=$(printf 'a LOGIN %s %s\r\nb LOGOUT\r\n' "$u" "$PASSWORD" |
			timeout 10 openssl s_client -quiet -ign_eof -verify_return_error -CAfile "$DIR/tls/ca.pem" \
				-connect "127.0.0.1:$IMAPS_PORT" 2>/dev/null) || true
		[[ $out == *"a OK"* ]] || { echo "mailstack: cyrus: login as $u failed: $out" >&2; return 1; }
	done
}

# cyrus_stop stops the Cyrus master and its services. Cyrus 3 shuts down gracefully on
# SIGTERM, and an imapd in IDLE waits for its client: what still runs after a few seconds is
# killed (the next start recovers the databases).
cyrus_stop() {
	local conf=$DIR/cyrus/imapd.conf
	pkill -TERM -f -- "-C $conf" 2>/dev/null || return 0
	for _ in $(seq 60); do
		pgrep -f -- "-C $conf" >/dev/null || return 0
		sleep 0.05
	done
	pkill -KILL -f -- "-C $conf" 2>/dev/null || true
	for _ in $(seq 200); do
		pgrep -f -- "-C $conf" >/dev/null || return 0
		sleep 0.05
	done
}

env_file() {
	cat >"$DIR/stack.env" <<ENV
DIR=$DIR
HOST=127.0.0.1
IMAP_PORT=$IMAP_PORT
IMAPS_PORT=$IMAPS_PORT
LMTP_PORT=$LMTP_PORT
SMTP_PORT=$SMTP_PORT
SMTPS_PORT=$SMTPS_PORT
SIEVE_PORT=$SIEVE_PORT
IMAP_SERVER=$IMAP_SERVER
CA_FILE=$DIR/tls/ca.pem
PASSWORD=$PASSWORD
USERS=${USERS[*]}
ENV
	echo "mailstack: $IMAP_SERVER up in $DIR (imap $IMAP_PORT, imaps $IMAPS_PORT, smtp $SMTP_PORT, lmtp $LMTP_PORT)" >&2
}

stop() {
	[ -d "$DIR" ] || return 0
	if [ -e "$DIR/postfix.started" ]; then
		postfix -c "$DIR/postfix" stop >/dev/null 2>&1 || postfix -c "$DIR/postfix" abort >/dev/null 2>&1 || true
		rm -f "$DIR/postfix.started"
	fi
	if [ -e "$DIR/cyrus.started" ]; then
		cyrus_stop
		rm -f "$DIR/cyrus.started"
	fi
	if [ -e "$DIR/dovecot.started" ]; then
		doveadm -c "$DIR/dovecot.conf" stop >/dev/null 2>&1 || {
			[ -e "$DIR/run/master.pid" ] && kill "$(cat "$DIR/run/master.pid")" 2>/dev/null || true
		}
		rm -f "$DIR/dovecot.started"
	fi
}

# imap_env reads the instance's IMAP server and ports from DIR/stack.env.
imap_env() {
	[ -e "$DIR/stack.env" ] || die "$DIR/stack.env: no instance there"
	eval "$(grep -E '^(IMAP_SERVER|IMAP_PORT|IMAPS_PORT|LMTP_PORT|SIEVE_PORT)=[A-Za-z0-9]+$' "$DIR/stack.env")"
}

# stop_imap stops the instance's IMAP server: Cyrus's master, or Dovecot (and with it the
# SASL and LMTP it serves Postfix).
stop_imap() {
	imap_env
	if [ "$IMAP_SERVER" = cyrus ]; then
		cyrus_stop
	else
		doveadm -c "$DIR/dovecot.conf" stop >/dev/null
	fi
}

# start_imap starts it again and waits until it listens.
start_imap() {
	imap_env
	if [ "$IMAP_SERVER" = cyrus ]; then
		launch_cyrus
	else
		dovecot -c "$DIR/dovecot.conf" </dev/null >>"$DIR/log/dovecot-start.log" 2>&1
		wait_port "$IMAP_PORT" "dovecot imap" && wait_port "$IMAPS_PORT" "dovecot imaps"
	fi
}

cmd=${1:-}
case "$cmd" in
install) install_packages ;;
start) DIR=${2:?usage: mailstack.sh start DIR}; start ;;
stop) DIR=${2:?usage: mailstack.sh stop DIR}; stop ;;
stop-imap) DIR=${2:?usage: mailstack.sh stop-imap DIR}; stop_imap ;;
start-imap) DIR=${2:?usage: mailstack.sh start-imap DIR}; start_imap ;;
*) die "usage: mailstack.sh install | start DIR | stop DIR | stop-imap DIR | start-imap DIR" ;;
esac
