package cli

import (
	"fmt"
	"github.com/followupd/followup/internal/buildinfo"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func (m *Main) manCommand(env *cmdEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "man",
		Short: "print the manual page, followup(1) (man -l <(followup man))",
		Args:  maxArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			writeMan(m.Stdout, cmd.Root())
			return nil
		},
	}
}

// roff escapes text for a man page line.
func roff(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, ".") || strings.HasPrefix(l, "'") {
			lines[i] = `\&` + l
		}
	}
	return strings.Join(lines, "\n")
}

// writeMan writes followup(1): the commands and their flags from the same cobra
// definitions as the help and the completions (cobra/doc writes one page per command; the
// package installs one page), then the sections written by hand.
func writeMan(w io.Writer, root *cobra.Command) {
	fmt.Fprintf(w, ".TH FOLLOWUP 1 \"\" \"followup %s\" \"User Commands\"\n", roff(buildinfo.Version()))
	fmt.Fprintf(w, ".SH NAME\nfollowup \\- follow up after job interviews, by email, with your approval\n")
	fmt.Fprintf(w, ".SH SYNOPSIS\n.B followup\n[\\fB\\-\\-config\\fR \\fIFILE\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR] [\\fIFLAGS\\fR]\n")
	fmt.Fprint(w, manDescription)
	fmt.Fprintf(w, ".SH COMMANDS\n")
	for _, c := range root.Commands() {
		if !c.IsAvailableCommand() {
			continue
		}
		name, args, _ := strings.Cut(c.Use, " ")
		fmt.Fprintf(w, ".TP\n.B %s", roff(name))
		if args != "" {
			fmt.Fprintf(w, " \\fI%s\\fR", roff(strings.ReplaceAll(args, " [flags]", "")))
		}
		fmt.Fprintf(w, "\n%s.\n", roff(c.Short))
		if c.Long != "" {
			fmt.Fprintf(w, "%s\n", roff(strings.Join(strings.Fields(c.Long), " ")))
		}
		c.LocalFlags().VisitAll(func(f *pflag.Flag) {
			if f.Hidden {
				return
			}
			manFlag(w, f, true)
		})
	}
	fmt.Fprintf(w, ".SH OPTIONS\nEvery command takes:\n")
	root.PersistentFlags().VisitAll(func(f *pflag.Flag) { manFlag(w, f, false) })
	fmt.Fprintf(w, ".TP\n.B \\-\\-help\nthe command's usage and flags, as \\fBfollowup help\\fR \\fICOMMAND\\fR does.\n")
	fmt.Fprint(w, manSections)
}

func manFlag(w io.Writer, f *pflag.Flag, nested bool) {
	arg, usage := pflag.UnquoteUsage(f)
	if f.Value.Type() == "bool" {
		arg = ""
	}
	if nested {
		fmt.Fprintf(w, ".RS\n")
	}
	fmt.Fprintf(w, ".TP\n")
	if f.Shorthand != "" {
		fmt.Fprintf(w, "\\fB\\-%s\\fR, ", roff(f.Shorthand))
	}
	fmt.Fprintf(w, "\\fB\\-\\-%s\\fR", roff(f.Name))
	if arg != "" {
		fmt.Fprintf(w, " \\fI%s\\fR", roff(arg))
	}
	fmt.Fprintf(w, "\n%s", roff(usage))
	if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
		fmt.Fprintf(w, " (default %s)", roff(f.DefValue))
	}
	if f.Value.Type() == "stringArray" {
		fmt.Fprintf(w, "; may be given more than once")
	}
	fmt.Fprintln(w)
	if nested {
		fmt.Fprintf(w, ".RE\n")
	}
}

const manDescription = `.SH DESCRIPTION
followup drafts a thank\-you to each interviewer and to whoever arranged the interview, and
check\-ins when nothing is heard; it emails you each draft for approval, sends what you
approve over SMTP inside polite hours, and stops the moment the company replies.
.PP
.B followup run
is the daemon (usually a systemd service): it watches the mailbox over IMAP, drafts what is
due, asks, and sends. The other commands read and change the same store, and work whether
the daemon runs or not.
`

const manSections = `.SH APPROVING BY EMAIL
For every due draft you get an email with the subject
.RI \(lq[followup " TOKEN" "] Approve: thank\-you to Jane Doe (Acme, Backend Engineer)\(rq"
holding the draft, when it will go out, and why.
Answer it from any mail client, above or below the quotation; what you write decides:
.TP
.B send
the draft goes out as it is, at the next moment inside the send window.
.TP
.B skip
this draft is dropped.
.TP
.B stop
no more follow\-ups for this application.
.TP
.BI send " (alone on the first line), a blank line, then your text"
your text replaces the draft; it is mailed back to you exactly as it will go out, to confirm
with a plain
.BR send .
.PP
Case, punctuation, polite words and a signature make no difference.
Anything else is not understood: nothing is done, and you are told how to answer.
An answer counts only from your own address, in answer to that very request, with its
token, and not failing DKIM, SPF or DMARC for your domain.
The same steps are on the command line:
.BR "followup approve" ,
.BR "followup skip" ,
.BR "followup edit" ,
.BR "followup stop" .
When a company answers, followup mails you at once; answer an invitation to another round
with
.BI "track " "YYYY\-MM\-DD HH:MM"
to have the follow\-ups start over for it.
.PP
Mail followup did not act on, because its sender is not proven or is someone you have no
application with, is listed in one notice an hour at most: unproven replies, answers not
yours, unreadable mail, and calendar invitations from new senders.
Answer it with a line for each item:
.BI "resume " N
or
.BI "stop " N
for an application it held, and
.BI "track " N
to follow invitation
.IR N ,
with corrections on the lines under it
.RB ( "role: \&..." ,
.BR "company: \&..." ,
.BR "interviewer: Name <address>" ,
.BR "coordinator: \&..." ,
.BR "round: new" ).
.SH CONFIGURATION
A YAML file (see
.IR /usr/share/doc/followup/config.example.yaml ,
every key with its default); unknown keys are errors.
.TP
.B provider
gmail, outlook, fastmail, icloud, yahoo or proton\-bridge: fills in the servers, ports and
login; what you set yourself wins.
.TP
.B owner.name\fR, \fBowner.email\fR, \fBowner.timezone
who you are: the name your mail is signed with, the address followup sends from and asks
you at, and your IANA zone (every time shown is in it).
.TP
.B owner.signature
up to 4 lines under your name in every letter to a contact, as you sign by hand: a phone
number, a profile's address.
.TP
.B imap.host\fR, \fBport\fR, \fBsecurity\fR, \fBusername\fR, \fBauth
the IMAP server; security is tls, starttls or none (loopback only); auth is login,
xoauth2 or oauthbearer.
.TP
.B imap.password_file\fR, \fBpassword_command\fR, \fBpassword_credential\fR, \fBoauth2_token_command
where the password comes from: a file readable by you alone (mode 0600), a command's first
line, a systemd credential, or for OAuth2 a command printing a token, run at every login.
Without any, the service reads the credentials \(lqimap\(rq and \(lqsmtp\(rq.
.TP
.B imap.folders\fR, \fBsent_folder\fR, \fBidle\fR, \fBpoll_interval
what is watched: the folders (INBOX), the Sent folder (found by its SPECIAL\-USE mark when
empty), IDLE or polling.
.TP
.B smtp.host\fR, \fBport\fR, \fBsecurity\fR, \fBusername\fR, \fBauth\fR, \fBsave_sent\fR, \fBmax_per_hour\fR, \fBmax_per_day
the SMTP server, as for IMAP; auth is plain, login, xoauth2 or none; save_sent is append,
server or off.
.TP
.B store.path
the SQLite database (default below, under FILES).
.TP
.B schedule.tick\fR, \fBschedule.digest\fR, \fBschedule.digest_when_empty
cron schedules in your zone: the planner's tick, and the daily digest.
.TP
.B policy.*
thank_you_delay, thank_coordinator, check_in_after_decision, check_in_without_decision,
check_in_interval, max_check_ins, send_window (days, start, end), send_window_clock,
holidays (country, region, extra), gap_across_applications, out_of_office_cap,
thank_you_expiry, salutation.
.TP
.B approval.required\fR, \fBapproval.confirm
every draft waits for your answer; a one\-line confirmation follows each.
.TP
.B templates.dir\fR, \fBlog.format\fR, \fBlog.level
your own templates; the log as text or json, at debug, info, warn or error.
.PP
.B followup check\-config
checks every key and what it names (password files, token commands, the store), as the
service will find them with
.BR "\-\-unit system" " or " "\-\-unit user" ;
with
.B \-\-connect
it logs in.
.SH ENVIRONMENT
.TP
.B VISUAL\fR, \fBEDITOR
the editor of
.BR "followup edit" ;
without them, sensible\-editor, else vi.
.TP
.B XDG_CONFIG_HOME\fR, \fBXDG_STATE_HOME
where the configuration and the store are looked for.
.TP
.B CONFIGURATION_DIRECTORY\fR, \fBSTATE_DIRECTORY\fR, \fBCREDENTIALS_DIRECTORY
set by systemd (ConfigurationDirectory=, StateDirectory=, LoadCredential=): the
configuration, the store and the passwords of the service.
.TP
.B JOURNAL_STREAM
set by systemd: log lines carry their syslog priority and no time.
.SH FILES
.TP
.I ~/.config/followup/config.yaml
the configuration (\fB\-\-config\fR names another).
.TP
.I /etc/followup/config.yaml
the system service's configuration, and beside it
.I imap.password
and
.I smtp.password
(mode 0600), loaded as credentials.
.TP
.I ~/.local/state/followup/followup.db
the store;
.I /var/lib/followup/followup.db
for the system service.
.TP
.I /usr/share/doc/followup/config.example.yaml
the example configuration.
.SH EXAMPLES
Check the configuration and log in:
.PP
.RS
.nf
followup check\-config \-\-connect
.fi
.RE
.PP
Record an interview:
.PP
.RS
.nf
followup add \-\-company Acme \-\-role "Backend Engineer" \e
    \-\-at "2026\-11\-20 14:00" \-\-decision\-by 2026\-11\-27 \e
    \-\-interviewer "Jane Doe <jane@acme.com>" \-\-coordinator hr@acme.com
.fi
.RE
.PP
See what is planned, and approve a draft without waiting for the email:
.PP
.RS
.nf
followup list
followup show 1
followup drafts
followup approve 3
.fi
.RE
.PP
Run it as your own service and read its log:
.PP
.RS
.nf
systemctl \-\-user enable \-\-now followup
systemctl \-\-user status followup
journalctl \-\-user \-u followup
.fi
.RE
.SH EXIT STATUS
.TP
.B 0
success.
.TP
.B 1
a failure: a server could not be reached, a login failed, a file could not be written.
.TP
.B 2
bad input or a broken configuration (the systemd units do not restart on it).
.SH SEE ALSO
.BR systemctl (1),
.BR journalctl (1),
.BR msmtp (1),
.BR mbsync (1),
and
.I /usr/share/doc/followup/README.md
`
