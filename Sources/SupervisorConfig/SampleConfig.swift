/// The annotated example printed by `echo_supervisord_conf`: a working minimal setup plus every
/// other section and key, commented out, with its default.
public enum SampleConfig {
    public static let text = #"""
; supervisord.conf -- an example configuration for supervisord and supervisorctl.
;
; Lines starting with ';' or '#' are comments.  A comment after a value needs
; whitespace in front of it: "a=b ;note" works, "a=b;note" keeps ";note" as
; part of the value.  So a command such as "sh -c 'x ; y'" is cut at " ;".
;
; Values are taken literally: there is no shell "~"/"$VAR" expansion and no
; quoting, except in environment= lines (KEY="value",KEY2="value 2").  Some
; values may use %(name)s expansions: %(ENV_HOME)s for an environment variable,
; %(here)s for the directory of the file the value is written in, and in
; program sections %(program_name)s, %(process_num)d, %(group_name)s,
; %(host_node_name)s and %(numprocs)d.  Write %% for a literal percent sign.
;
; The paths below live in /tmp so the example runs anywhere; pick somewhere
; permanent for real use, as some systems clean /tmp, and a deleted socket
; file leaves supervisorctl unable to reach supervisord.

[unix_http_server]
file=/tmp/supervisor.sock   ; socket path for supervisorctl and the web UI
;chmod=0700                 ; permission bits of the socket (default 0700)
;chown=nobody:nogroup       ; owner user[:group] of the socket
;username=user              ; require this user name (default: no auth)
;password=123               ; and this password; plain, or {SHA}hex-digest

; The TCP server is off unless this section is present.  It has no
; encryption and, without username/password, no authentication: bind it to
; localhost or a trusted network, never to the open internet.
;[inet_http_server]
;port=127.0.0.1:9001        ; host:port to listen on; *:port for every interface
;username=user              ; require this user name (default: no auth)
;password=123               ; and this password; plain, or {SHA}hex-digest

[supervisord]
logfile=/tmp/supervisord.log ; main log (default $CWD/supervisord.log)
logfile_maxbytes=50MB        ; rotate the main log at this size; 0 = never
logfile_backups=10           ; rotated main logs to keep; 0 = none (default 10)
loglevel=info                ; critical, error, warn, info, debug, trace, blather
pidfile=/tmp/supervisord.pid ; where the daemon writes its pid (default $CWD/supervisord.pid)
nodaemon=false               ; true: stay in the foreground (default false)
silent=false                 ; true: in the foreground, no log on stdout (default false)
minfds=1024                  ; refuse to start with fewer file descriptors (default 1024)
minprocs=200                 ; refuse to start with fewer processes allowed (default 200)
;umask=022                   ; umask of the daemon (default 022)
;user=supervisord            ; switch to this user at startup (advised when started as root)
;identifier=supervisor       ; name reported over the API (default supervisor)
;directory=/tmp              ; chdir here when daemonizing (default: stay put)
;nocleanup=true              ; keep old AUTO child logs at startup (default false)
;childlogdir=/tmp            ; where AUTO child logs go (default: the temp directory)
;environment=KEY="value"     ; variables added to every program's environment
;strip_ansi=false            ; remove ANSI escape sequences from child logs (default false)

; Needed for supervisorctl and the web UI to work: it provides the XML-RPC API.
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

; How supervisorctl reaches supervisord: match one of the servers above.
[supervisorctl]
serverurl=unix:///tmp/supervisor.sock ; a unix:// URL for the unix socket
;serverurl=http://127.0.0.1:9001 ; or an http:// URL for the TCP server
;username=chris              ; same as the server's username, if it has one
;password=123                ; same as the server's password, if it has one
;prompt=mysupervisor         ; interactive prompt (default "supervisor")
;history_file=~/.sc_history  ; keep command history in this file

; A program to run and watch.  Every key is shown; only command is required.
;[program:theprogramname]
;command=/bin/cat              ; what to run, with arguments (a relative name is looked up in PATH)
;process_name=%(program_name)s ; name of each process; must use %(process_num) when numprocs > 1
;numprocs=1                    ; how many copies to run (default 1)
;numprocs_start=0              ; first %(process_num) (default 0)
;directory=/tmp                ; chdir here before exec (default: no chdir)
;umask=022                     ; umask of the process (default: the daemon's)
;priority=999                  ; lower starts earlier and stops later (default 999)
\#(lifecycleKeys)
;redirect_stderr=true          ; send stderr to the stdout log (default false)
\#(outputAndEnvironmentKeys(capture: true))

; An event listener pool: processes that receive events on stdin and answer
; on stdout.  It takes the [program:x] keys, with the differences noted.
;[eventlistener:theeventlistenername]
;command=/bin/eventlistener    ; what to run, with arguments
;process_name=%(program_name)s ; name of each process; must use %(process_num) when numprocs > 1
;numprocs=1                    ; how many listeners in the pool (default 1)
;events=EVENT                  ; comma-separated event types to receive (required)
;buffer_size=10                ; events queued while all listeners are busy (default 10)
;result_handler=supervisor.dispatchers:default_handler ; the only handler available
;directory=/tmp                ; chdir here before exec (default: no chdir)
;umask=022                     ; umask of the process (default: the daemon's)
;priority=-1                   ; pool priority; listeners start first (default -1)
\#(lifecycleKeys)
;redirect_stderr=false         ; must stay false: stdout carries the listener protocol
\#(outputAndEnvironmentKeys(capture: false))

; A FastCGI program: supervisord opens the socket and hands it to every
; process as its stdin.  It takes the [program:x] keys plus these.
;[fcgi-program:thefcgiprogramname]
;command=/usr/bin/php-cgi      ; what to run, with arguments
;socket=unix:///tmp/%(program_name)s.sock ; or tcp://localhost:9002 (required)
;socket_backlog=1024           ; listen(2) backlog (default: the system's)
;socket_owner=chrism:wheel     ; owner user[:group] of a unix socket
;socket_mode=0700              ; permission bits of a unix socket (default 0700)
;process_name=%(program_name)s_%(process_num)02d ; name of each process
;numprocs=5                    ; how many processes share the socket (default 1)

; A group gathers programs so they can be started and stopped together; the
; programs listed here are no longer groups of their own.
;[group:thegroupname]
;programs=progname1,progname2  ; names x of [program:x] (or [fcgi-program:x]) sections
;priority=999                  ; lower starts earlier and stops later (default 999)

; More sections can be kept in other files.  files= takes paths or wildcards,
; separated by whitespace or newlines, relative to this file.  A wildcard that
; matches nothing is only a warning; included files cannot include others.
;[include]
;files = relative/directory/*.ini
"""#

    /// The keys `[program:x]` and `[eventlistener:x]` share: start, restart and stop.
    private static let lifecycleKeys = #"""
;autostart=true                ; start when supervisord starts (default true)
;startsecs=1                   ; seconds it must stay up to count as started (default 1)
;startretries=3                ; failed starts in a row before giving up (default 3)
;autorestart=unexpected        ; restart after exit: true, false or unexpected (default unexpected)
;exitcodes=0                   ; exit codes that count as expected (default 0)
;stopsignal=QUIT               ; signal used to stop it (default TERM)
;stopwaitsecs=10               ; seconds to wait before SIGKILL (default 10)
;stopasgroup=false             ; send the stop signal to its whole process group (default false)
;killasgroup=false             ; send SIGKILL to its whole process group (default false)
;user=chrism                   ; run as this user (supervisord must be root)
"""#

    /// The shared output and environment keys; listeners have no capture mode.
    private static func outputAndEnvironmentKeys(capture: Bool) -> String {
        let channels = ["stdout", "stderr"].flatMap { channel in
            [
                #";\#(channel)_logfile=/a/path        ; \#(channel) log: a path, AUTO or NONE (default AUTO)"#,
                #";\#(channel)_logfile_maxbytes=1MB   ; rotate at this size; 0 = never (default 50MB)"#,
                #";\#(channel)_logfile_backups=10     ; rotated logs to keep; 0 = none (default 10)"#,
                capture ? #";\#(channel)_capture_maxbytes=1MB   ; buffer size for capture mode events (default 0)"# : nil,
                #";\#(channel)_events_enabled=false   ; emit an event for each \#(channel) write (default false)"#,
                #";\#(channel)_syslog=false           ; also send \#(channel) to syslog (default false)"#,
            ].compactMap { $0 }
        }
        return (channels + [
            #";environment=A="1",B="2"       ; variables added to its environment"#,
            #";serverurl=AUTO                ; SUPERVISOR_SERVER_URL given to it (default: this daemon's)"#,
        ]).joined(separator: "\n")
    }
}
