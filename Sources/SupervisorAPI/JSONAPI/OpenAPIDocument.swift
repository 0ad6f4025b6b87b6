/// The OpenAPI 3.1 document of the JSON API, served at `/api/v1/openapi.json`. It is the
/// one source: docs/openapi.json is a copy of these bytes, and tests/e2e/api/test_openapi.py
/// fails when the two differ.
enum OpenAPIDocument {
    static let text = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "supervisord JSON API",
    "version": "1",
    "description": "The JSON API of this supervisord (an extension: the reference has XML-RPC only, which is unchanged). Every route is under /api/v1/ on the daemon's HTTP servers (unix socket and TCP), behind the same credentials as XML-RPC. Actions are POST. Every answer that is not 2xx is an Error: `code` is the XML-RPC fault name and `fault` its number. See docs/api.md."
  },
  "tags": [
    {
      "name": "processes"
    },
    {
      "name": "logs"
    },
    {
      "name": "groups"
    },
    {
      "name": "daemon"
    },
    {
      "name": "events"
    }
  ],
  "security": [
    {
      "basic": []
    },
    {}
  ],
  "paths": {
    "/api/v1/processes": {
      "get": {
        "operationId": "listProcesses",
        "summary": "Every process",
        "description": "Every process, by group then by name (getAllProcessInfo's order). `cpu_seconds` and `rss_bytes` are read from /proc when asked.",
        "tags": [
          "processes"
        ],
        "responses": {
          "200": {
            "description": "The processes.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Process"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      }
    },
    "/api/v1/processes/start": {
      "post": {
        "operationId": "startAllProcesses",
        "summary": "Start every process",
        "description": "Starts every process that is not running (groups by priority, then processes by priority), as startAllProcesses. With `wait=true` (the default) the answer comes when every process got there (200); with `wait=false` at once (202). Each process has its outcome; a process that failed does not fail the request.",
        "tags": [
          "processes"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/wait"
          }
        ],
        "responses": {
          "200": {
            "$ref": "#/components/responses/Outcomes"
          },
          "202": {
            "$ref": "#/components/responses/OutcomesAccepted"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          }
        }
      }
    },
    "/api/v1/processes/stop": {
      "post": {
        "operationId": "stopAllProcesses",
        "summary": "Stop every process",
        "description": "Stops every running process (dependents before what they depend on), as stopAllProcesses. With `wait=true` (the default) the answer comes when every process got there (200); with `wait=false` at once (202). Each process has its outcome; a process that failed does not fail the request.",
        "tags": [
          "processes"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/wait"
          }
        ],
        "responses": {
          "200": {
            "$ref": "#/components/responses/Outcomes"
          },
          "202": {
            "$ref": "#/components/responses/OutcomesAccepted"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          }
        }
      }
    },
    "/api/v1/processes/restart": {
      "post": {
        "operationId": "restartAllProcesses",
        "summary": "Restart every process",
        "description": "Stops every running process, then starts every process, as `supervisorctl restart all`. With `wait=true` (the default) the answer comes when every process got there (200); with `wait=false` at once (202). Each process has its outcome; a process that failed does not fail the request.",
        "tags": [
          "processes"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/wait"
          }
        ],
        "responses": {
          "200": {
            "$ref": "#/components/responses/Outcomes"
          },
          "202": {
            "$ref": "#/components/responses/OutcomesAccepted"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          }
        }
      }
    },
    "/api/v1/processes/{name}": {
      "get": {
        "operationId": "getProcess",
        "summary": "One process",
        "description": "The process named by `name`.",
        "tags": [
          "processes"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/name"
          }
        ],
        "responses": {
          "200": {
            "description": "The process.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Process"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/api/v1/processes/{name}/start": {
      "post": {
        "operationId": "startProcess",
        "summary": "Start a process",
        "description": "Starts the process and, with `wait=true` (the default), answers once it is RUNNING (200); with `wait=false` at once (202). 409 when it is already started, could not be spawned (SPAWN_ERROR) or exited before RUNNING (ABNORMAL_TERMINATION); 404 (NO_FILE) when its command is not there.",
        "tags": [
          "processes"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "$ref": "#/components/parameters/wait"
          }
        ],
        "responses": {
          "200": {
            "$ref": "#/components/responses/ProcessDone"
          },
          "202": {
            "$ref": "#/components/responses/ProcessAccepted"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          }
        }
      }
    },
    "/api/v1/processes/{name}/stop": {
      "post": {
        "operationId": "stopProcess",
        "summary": "Stop a process",
        "description": "Stops the process and, with `wait=true` (the default), answers once it is stopped (200); with `wait=false` at once (202). 409 when it is not running.",
        "tags": [
          "processes"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "$ref": "#/components/parameters/wait"
          }
        ],
        "responses": {
          "200": {
            "$ref": "#/components/responses/ProcessDone"
          },
          "202": {
            "$ref": "#/components/responses/ProcessAccepted"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          }
        }
      }
    },
    "/api/v1/processes/{name}/restart": {
      "post": {
        "operationId": "restartProcess",
        "summary": "Restart a process",
        "description": "Stops the process if it runs, then starts it; with `wait=true` (the default) answers once it is RUNNING (200), with `wait=false` at once (202).",
        "tags": [
          "processes"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "$ref": "#/components/parameters/wait"
          }
        ],
        "responses": {
          "200": {
            "$ref": "#/components/responses/ProcessDone"
          },
          "202": {
            "$ref": "#/components/responses/ProcessAccepted"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          }
        }
      }
    },
    "/api/v1/processes/{name}/clear": {
      "post": {
        "operationId": "clearProcessLogs",
        "summary": "Clear a process's logs",
        "description": "Empties its stdout and stderr logs (and their backups), as clearProcessLogs.",
        "tags": [
          "processes"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/name"
          }
        ],
        "responses": {
          "200": {
            "$ref": "#/components/responses/ProcessDone"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          }
        }
      }
    },
    "/api/v1/processes/{name}/signal": {
      "post": {
        "operationId": "signalProcess",
        "summary": "Send a signal to a process",
        "description": "Sends the signal (a name such as `HUP` or `SIGHUP`, or a number) to the process, as signalProcess. 400 (BAD_SIGNAL) for something that is not a signal, 409 when the process is not running.",
        "tags": [
          "processes"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/name"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SignalRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "$ref": "#/components/responses/ProcessDone"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          }
        }
      }
    },
    "/api/v1/processes/{name}/stdin": {
      "post": {
        "operationId": "sendProcessStdin",
        "summary": "Write to a process's stdin",
        "description": "Queues `data` (as UTF-8) for the process's stdin, as sendProcessStdin. 409 when it is not running; 404 (NO_FILE) when its stdin is closed.",
        "tags": [
          "processes"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/name"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/StdinRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "$ref": "#/components/responses/ProcessDone"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          }
        }
      }
    },
    "/api/v1/processes/{name}/log/stdout": {
      "get": {
        "operationId": "readStdoutLog",
        "summary": "Read a process's stdout log",
        "description": "Reads its stdout log as readProcessStdoutLog does: from `offset` (a negative offset reads that many bytes from the end, and then `length` must be 0), `length` bytes (0: to the end). `offset` and `length` in the answer count the file's bytes, so the next read starts at `offset + length`. The bytes are decoded as UTF-8, each invalid sequence becoming U+FFFD; a multi-byte character cut by the end of the range is left for the next read.",
        "tags": [
          "logs"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "$ref": "#/components/parameters/offset"
          },
          {
            "$ref": "#/components/parameters/length"
          }
        ],
        "responses": {
          "200": {
            "description": "The bytes read.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/LogSlice"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/api/v1/processes/{name}/log/stderr": {
      "get": {
        "operationId": "readStderrLog",
        "summary": "Read a process's stderr log",
        "description": "Reads its stderr log as readProcessStderrLog does: from `offset` (a negative offset reads that many bytes from the end, and then `length` must be 0), `length` bytes (0: to the end). `offset` and `length` in the answer count the file's bytes, so the next read starts at `offset + length`. The bytes are decoded as UTF-8, each invalid sequence becoming U+FFFD; a multi-byte character cut by the end of the range is left for the next read.",
        "tags": [
          "logs"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "$ref": "#/components/parameters/offset"
          },
          {
            "$ref": "#/components/parameters/length"
          }
        ],
        "responses": {
          "200": {
            "description": "The bytes read.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/LogSlice"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/api/v1/groups": {
      "get": {
        "operationId": "listGroups",
        "summary": "Every group",
        "description": "Every process group in use, by priority.",
        "tags": [
          "groups"
        ],
        "responses": {
          "200": {
            "description": "The groups.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Group"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      }
    },
    "/api/v1/groups/{group}/start": {
      "post": {
        "operationId": "startGroup",
        "summary": "Start a group's processes",
        "description": "Starts the group's processes that are not running, by priority, as startProcessGroup. With `wait=true` (the default) the answer comes when every process got there (200); with `wait=false` at once (202).",
        "tags": [
          "groups"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/group"
          },
          {
            "$ref": "#/components/parameters/wait"
          }
        ],
        "responses": {
          "200": {
            "$ref": "#/components/responses/Outcomes"
          },
          "202": {
            "$ref": "#/components/responses/OutcomesAccepted"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          }
        }
      }
    },
    "/api/v1/groups/{group}/stop": {
      "post": {
        "operationId": "stopGroup",
        "summary": "Stop a group's processes",
        "description": "Stops the group's running processes (dependents first), as stopProcessGroup. With `wait=true` (the default) the answer comes when every process got there (200); with `wait=false` at once (202).",
        "tags": [
          "groups"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/group"
          },
          {
            "$ref": "#/components/parameters/wait"
          }
        ],
        "responses": {
          "200": {
            "$ref": "#/components/responses/Outcomes"
          },
          "202": {
            "$ref": "#/components/responses/OutcomesAccepted"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          }
        }
      }
    },
    "/api/v1/groups/{group}/restart": {
      "post": {
        "operationId": "restartGroup",
        "summary": "Restart a group's processes",
        "description": "Stops the group's running processes, then starts them all. With `wait=true` (the default) the answer comes when every process got there (200); with `wait=false` at once (202).",
        "tags": [
          "groups"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/group"
          },
          {
            "$ref": "#/components/parameters/wait"
          }
        ],
        "responses": {
          "200": {
            "$ref": "#/components/responses/Outcomes"
          },
          "202": {
            "$ref": "#/components/responses/OutcomesAccepted"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          }
        }
      }
    },
    "/api/v1/config/reload": {
      "post": {
        "operationId": "reloadConfig",
        "summary": "Reread the configuration and apply it",
        "description": "Reads the configuration file again and applies the differences as `supervisorctl update` does: the processes of removed and changed groups are stopped, removed groups removed, changed ones removed and added again, new ones added (their autostart processes started). Answers the differences once applied. 409 (CANT_REREAD) when the file cannot be read.",
        "tags": [
          "daemon"
        ],
        "responses": {
          "200": {
            "description": "The group names added, changed and removed.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Differences"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          }
        }
      }
    },
    "/api/v1/daemon": {
      "get": {
        "operationId": "getDaemon",
        "summary": "The daemon",
        "description": "Its state, versions, pid and identification.",
        "tags": [
          "daemon"
        ],
        "responses": {
          "200": {
            "description": "The daemon.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Daemon"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      }
    },
    "/api/v1/daemon/shutdown": {
      "post": {
        "operationId": "shutdownDaemon",
        "summary": "Shut the daemon down",
        "description": "Stops every process and exits, as supervisor.shutdown. Answered at once (202), with the daemon's new state; the connection closes after the answer.",
        "tags": [
          "daemon"
        ],
        "responses": {
          "202": {
            "description": "Accepted.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Daemon"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          }
        }
      }
    },
    "/api/v1/daemon/restart": {
      "post": {
        "operationId": "restartDaemon",
        "summary": "Restart the daemon",
        "description": "Stops every process, reads the configuration again and starts over in place, as supervisor.restart. Answered at once (202), with the daemon's new state; the connection closes after the answer.",
        "tags": [
          "daemon"
        ],
        "responses": {
          "202": {
            "description": "Accepted.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Daemon"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          }
        }
      }
    },
    "/api/v1/events": {
      "get": {
        "operationId": "streamEvents",
        "summary": "Live events (Server-Sent Events)",
        "description": "A `text/event-stream` of messages `id: N` (a counter of this daemon run, increasing), `event: TYPE` and `data: JSON` (one line). Types, each with its data schema: `state` (EventState), `group` (EventGroup), `health` (EventHealth), `supervisor` (EventSupervisor); `log` (EventLog) only for the processes named in `logs`, not replayed; `resources` (EventResources) only with `resources=1`, every 2 s, not replayed; `lost` (EventLost) when `Last-Event-ID` is older than the replay buffer. The buffer holds the last 1,000 `state`, `group`, `health` and `supervisor` events: with `Last-Event-ID: N` the stream first sends every buffered event with an id above N (or `lost`, then the buffer), then live ones; without it, live ones only (after a `retry:` line).",
        "tags": [
          "events"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/logs"
          },
          {
            "$ref": "#/components/parameters/resources"
          },
          {
            "$ref": "#/components/parameters/lastEventId"
          }
        ],
        "responses": {
          "200": {
            "description": "The stream; it stays open.",
            "content": {
              "text/event-stream": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      }
    },
    "/api/v1/openapi.json": {
      "get": {
        "operationId": "getOpenAPIDocument",
        "summary": "This document",
        "description": "The OpenAPI document of this API (also docs/openapi.json).",
        "tags": [
          "daemon"
        ],
        "responses": {
          "200": {
            "description": "The document.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "basic": {
        "type": "http",
        "scheme": "basic",
        "description": "Required when the server's section has `username` and `password`."
      }
    },
    "parameters": {
      "name": {
        "name": "name",
        "in": "path",
        "required": true,
        "description": "A process's namespec: `web`, or `pool:worker_1` (`:` may be sent as `%3A`). A process named `start`, `stop` or `restart` is reached by its `group:name`.",
        "schema": {
          "type": "string",
          "examples": [
            "web",
            "pool:worker_1"
          ]
        }
      },
      "group": {
        "name": "group",
        "in": "path",
        "required": true,
        "description": "A group's name.",
        "schema": {
          "type": "string",
          "examples": [
            "pool"
          ]
        }
      },
      "wait": {
        "name": "wait",
        "in": "query",
        "required": false,
        "description": "Wait until the processes got where they were sent (true, the default), or answer at once with 202 (false).",
        "schema": {
          "type": "boolean",
          "default": true
        }
      },
      "offset": {
        "name": "offset",
        "in": "query",
        "required": false,
        "description": "Where to start: a file offset, or (negative) that many bytes from the end. Default 0.",
        "schema": {
          "type": "integer",
          "default": 0
        }
      },
      "length": {
        "name": "length",
        "in": "query",
        "required": false,
        "description": "How many bytes; 0 (the default) reads to the end. Must be 0 with a negative offset.",
        "schema": {
          "type": "integer",
          "minimum": 0,
          "default": 0
        }
      },
      "logs": {
        "name": "logs",
        "in": "query",
        "required": false,
        "description": "Comma-separated namespecs whose output to send as `log` events (`web,pool:w_1`).",
        "schema": {
          "type": "string"
        }
      },
      "resources": {
        "name": "resources",
        "in": "query",
        "required": false,
        "description": "1: send `resources` events every 2 s (the daemon samples only while such a client is connected).",
        "schema": {
          "type": "integer",
          "enum": [
            0,
            1
          ],
          "default": 0
        }
      },
      "lastEventId": {
        "name": "Last-Event-ID",
        "in": "header",
        "required": false,
        "description": "The id of the last event the client saw: the stream starts with the buffered events after it.",
        "schema": {
          "type": "integer",
          "minimum": 0
        }
      }
    },
    "responses": {
      "Outcomes": {
        "description": "Every process got where it was sent: each one's outcome.",
        "content": {
          "application/json": {
            "schema": {
              "type": "array",
              "items": {
                "$ref": "#/components/schemas/Outcome"
              }
            }
          }
        }
      },
      "OutcomesAccepted": {
        "description": "Accepted (`wait=false`): the outcomes known at once.",
        "content": {
          "application/json": {
            "schema": {
              "type": "array",
              "items": {
                "$ref": "#/components/schemas/Outcome"
              }
            }
          }
        }
      },
      "ProcessDone": {
        "description": "Done: the process as it is now.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Process"
            }
          }
        }
      },
      "ProcessAccepted": {
        "description": "Accepted (`wait=false`): the process as it is now.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Process"
            }
          }
        }
      },
      "BadRequest": {
        "description": "Bad arguments: BAD_ARGUMENTS, INCORRECT_PARAMETERS (malformed JSON, a wrong member or content type), BAD_SIGNAL.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Unauthorized": {
        "description": "The server has credentials and the request did not carry them (UNAUTHORIZED).",
        "headers": {
          "WWW-Authenticate": {
            "schema": {
              "type": "string"
            },
            "description": "`Basic realm=\"default\"`"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "NotFound": {
        "description": "No such process or group (BAD_NAME), no such file (NO_FILE), or no such route (UNKNOWN_METHOD).",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "MethodNotAllowed": {
        "description": "The path takes another method (METHOD_NOT_ALLOWED).",
        "headers": {
          "Allow": {
            "schema": {
              "type": "string"
            },
            "description": "The methods it takes."
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Conflict": {
        "description": "The process's or daemon's state refuses the request: ALREADY_STARTED, NOT_RUNNING, SPAWN_ERROR, ABNORMAL_TERMINATION, FAILED, SHUTDOWN_STATE, ALREADY_ADDED, STILL_RUNNING, NOT_EXECUTABLE, CANT_REREAD.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "TooLarge": {
        "description": "The request body is larger than the limit (4 MiB) the message names (TOO_LARGE).",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      }
    },
    "schemas": {
      "Process": {
        "type": "object",
        "description": "A process, as getProcessInfo describes it, with typed values and the extensions' figures.",
        "required": [
          "name",
          "group",
          "namespec",
          "state",
          "statecode",
          "description",
          "pid",
          "start",
          "stop",
          "now",
          "uptime_seconds",
          "exitstatus",
          "spawnerr",
          "stdout_logfile",
          "stderr_logfile",
          "restarts",
          "cpu_seconds",
          "rss_bytes",
          "health",
          "depends_on"
        ],
        "properties": {
          "name": {
            "type": "string",
            "description": "The program's process name.",
            "examples": [
              "web"
            ]
          },
          "group": {
            "type": "string",
            "description": "Its group.",
            "examples": [
              "web"
            ]
          },
          "namespec": {
            "type": "string",
            "description": "`group:name`, or `name` when the group has its name: what the routes' `{name}` takes.",
            "examples": [
              "web"
            ]
          },
          "state": {
            "type": "string",
            "description": "The state's name.",
            "enum": [
              "STOPPED",
              "STARTING",
              "RUNNING",
              "BACKOFF",
              "STOPPING",
              "EXITED",
              "FATAL",
              "UNKNOWN"
            ]
          },
          "statecode": {
            "type": "integer",
            "description": "The state's code, as getProcessInfo's `state`.",
            "enum": [
              0,
              10,
              20,
              30,
              40,
              100,
              200,
              1000
            ]
          },
          "description": {
            "type": "string",
            "description": "getProcessInfo's description (`pid 42, uptime 0:01:02`)."
          },
          "pid": {
            "type": "integer",
            "description": "The child's pid; 0 without one.",
            "minimum": 0
          },
          "start": {
            "type": "integer",
            "description": "When it was last started, in Unix seconds; 0 when never."
          },
          "stop": {
            "type": "integer",
            "description": "When it last stopped, in Unix seconds; 0 when never."
          },
          "now": {
            "type": "integer",
            "description": "The daemon's clock, in Unix seconds."
          },
          "uptime_seconds": {
            "type": "integer",
            "description": "Seconds since it started when RUNNING, else 0.",
            "minimum": 0
          },
          "exitstatus": {
            "type": "integer",
            "description": "The exit status of its last exit (0 before one)."
          },
          "spawnerr": {
            "type": "string",
            "description": "Why the last spawn failed; empty when it did not."
          },
          "stdout_logfile": {
            "type": "string",
            "description": "Path of its stdout log; empty without one."
          },
          "stderr_logfile": {
            "type": "string",
            "description": "Path of its stderr log; empty without one."
          },
          "restarts": {
            "type": "integer",
            "description": "Spawns after the first (automatic and requested restarts), as /metrics' supervisord_process_restarts_total.",
            "minimum": 0
          },
          "cpu_seconds": {
            "type": [
              "number",
              "null"
            ],
            "minimum": 0,
            "description": "User and system CPU seconds of its process tree, read when asked; null without a child."
          },
          "rss_bytes": {
            "type": [
              "integer",
              "null"
            ],
            "minimum": 0,
            "description": "Resident memory of its process tree in bytes, read when asked; null without a child."
          },
          "health": {
            "oneOf": [
              {
                "type": "null"
              },
              {
                "$ref": "#/components/schemas/Health"
              }
            ],
            "description": "null without health checks (`healthcheck=`, `watchdog_sec`) or while not RUNNING."
          },
          "depends_on": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Dependency"
            },
            "description": "Its `depends_on` entries."
          }
        },
        "additionalProperties": false
      },
      "Health": {
        "type": "object",
        "required": [
          "status",
          "failures",
          "reason"
        ],
        "properties": {
          "status": {
            "type": "string",
            "description": "`starting` until the first check's result.",
            "enum": [
              "healthy",
              "unhealthy",
              "starting"
            ]
          },
          "failures": {
            "type": "integer",
            "description": "Consecutive failed checks.",
            "minimum": 0
          },
          "reason": {
            "type": "string",
            "description": "Why the last check failed; empty when healthy."
          }
        },
        "additionalProperties": false
      },
      "Dependency": {
        "type": "object",
        "required": [
          "name",
          "condition"
        ],
        "properties": {
          "name": {
            "type": "string",
            "description": "The program it depends on."
          },
          "condition": {
            "type": "string",
            "description": "What that program must have done.",
            "enum": [
              "running",
              "completed"
            ]
          }
        },
        "additionalProperties": false
      },
      "Outcome": {
        "type": "object",
        "description": "What an action on several processes did to one of them.",
        "required": [
          "name",
          "group",
          "status",
          "code",
          "description"
        ],
        "properties": {
          "name": {
            "type": "string",
            "description": "The process's name."
          },
          "group": {
            "type": "string",
            "description": "Its group."
          },
          "status": {
            "type": "integer",
            "description": "The XML-RPC fault code, 80 (SUCCESS) when it succeeded: the `status` of startAllProcesses' entries."
          },
          "code": {
            "type": "string",
            "description": "The fault's name, `SUCCESS` when it succeeded.",
            "examples": [
              "SUCCESS",
              "NOT_RUNNING"
            ]
          },
          "description": {
            "type": "string",
            "description": "`OK`, or the XML-RPC fault string (`NOT_RUNNING: web`)."
          }
        },
        "additionalProperties": false
      },
      "Group": {
        "type": "object",
        "required": [
          "name",
          "priority",
          "processes"
        ],
        "properties": {
          "name": {
            "type": "string",
            "description": "The group's name."
          },
          "priority": {
            "type": "integer",
            "description": "Its priority (lower starts first)."
          },
          "processes": {
            "type": "array",
            "items": {
              "type": "string"
            },
            "description": "Its processes' namespecs."
          }
        },
        "additionalProperties": false
      },
      "Daemon": {
        "type": "object",
        "required": [
          "state",
          "statecode",
          "version",
          "api_version",
          "pid",
          "identification"
        ],
        "properties": {
          "state": {
            "type": "string",
            "description": "The daemon's state.",
            "enum": [
              "FATAL",
              "RUNNING",
              "RESTARTING",
              "SHUTDOWN"
            ]
          },
          "statecode": {
            "type": "integer",
            "description": "Its code, as getState's.",
            "enum": [
              2,
              1,
              0,
              -1
            ]
          },
          "version": {
            "type": "string",
            "description": "The supervisor version it implements (getSupervisorVersion).",
            "examples": [
              "4.3.0"
            ]
          },
          "api_version": {
            "type": "string",
            "description": "The XML-RPC API version (getAPIVersion).",
            "examples": [
              "3.0"
            ]
          },
          "pid": {
            "type": "integer",
            "description": "Its pid.",
            "minimum": 1
          },
          "identification": {
            "type": "string",
            "description": "`identifier=` of [supervisord] (getIdentification)."
          }
        },
        "additionalProperties": false
      },
      "Differences": {
        "type": "object",
        "required": [
          "added",
          "changed",
          "removed"
        ],
        "properties": {
          "added": {
            "type": "array",
            "items": {
              "type": "string"
            },
            "description": "Groups added."
          },
          "changed": {
            "type": "array",
            "items": {
              "type": "string"
            },
            "description": "Groups whose configuration changed: stopped, removed and added again."
          },
          "removed": {
            "type": "array",
            "items": {
              "type": "string"
            },
            "description": "Groups removed (after their processes stopped)."
          }
        },
        "additionalProperties": false
      },
      "LogSlice": {
        "type": "object",
        "required": [
          "data",
          "offset",
          "length"
        ],
        "properties": {
          "data": {
            "type": "string",
            "description": "The bytes read, decoded as UTF-8 (each invalid sequence as U+FFFD)."
          },
          "offset": {
            "type": "integer",
            "description": "File offset of the first byte read.",
            "minimum": 0
          },
          "length": {
            "type": "integer",
            "description": "Bytes read (of the file, not characters of `data`).",
            "minimum": 0
          }
        },
        "additionalProperties": false
      },
      "SignalRequest": {
        "type": "object",
        "required": [
          "signal"
        ],
        "properties": {
          "signal": {
            "oneOf": [
              {
                "type": "string",
                "examples": [
                  "HUP",
                  "SIGUSR1"
                ]
              },
              {
                "type": "integer",
                "minimum": 1,
                "maximum": 64
              }
            ],
            "description": "A signal name (with or without SIG) or number."
          }
        },
        "additionalProperties": false
      },
      "StdinRequest": {
        "type": "object",
        "required": [
          "data"
        ],
        "properties": {
          "data": {
            "type": "string",
            "description": "Text to write to the process's stdin (as UTF-8).",
            "examples": [
              "hello\n"
            ]
          }
        },
        "additionalProperties": false
      },
      "Error": {
        "type": "object",
        "description": "Every answer that is not 2xx.",
        "required": [
          "error"
        ],
        "properties": {
          "error": {
            "type": "object",
            "required": [
              "code",
              "fault",
              "message"
            ],
            "properties": {
              "code": {
                "type": "string",
                "description": "The XML-RPC fault name (BAD_NAME, NOT_RUNNING, ...); UNAUTHORIZED, METHOD_NOT_ALLOWED or TOO_LARGE for the errors XML-RPC answers in HTTP."
              },
              "fault": {
                "type": [
                  "integer",
                  "null"
                ],
                "description": "The XML-RPC fault code; null for UNAUTHORIZED, METHOD_NOT_ALLOWED and TOO_LARGE."
              },
              "message": {
                "type": "string",
                "description": "What went wrong, on one line."
              }
            },
            "additionalProperties": false
          }
        },
        "additionalProperties": false
      },
      "EventState": {
        "type": "object",
        "description": "`event: state`: a process changed state.",
        "required": [
          "name",
          "group",
          "from",
          "to",
          "pid",
          "time"
        ],
        "properties": {
          "name": {
            "type": "string",
            "description": "The process's name."
          },
          "group": {
            "type": "string",
            "description": "Its group."
          },
          "from": {
            "type": "string",
            "description": "The state it left.",
            "enum": [
              "STOPPED",
              "STARTING",
              "RUNNING",
              "BACKOFF",
              "STOPPING",
              "EXITED",
              "FATAL",
              "UNKNOWN"
            ]
          },
          "to": {
            "type": "string",
            "description": "The state it entered.",
            "enum": [
              "STOPPED",
              "STARTING",
              "RUNNING",
              "BACKOFF",
              "STOPPING",
              "EXITED",
              "FATAL",
              "UNKNOWN"
            ]
          },
          "pid": {
            "type": "integer",
            "description": "Its pid (0 without a child)."
          },
          "time": {
            "type": "number",
            "description": "When, in Unix seconds."
          }
        },
        "additionalProperties": false
      },
      "EventGroup": {
        "type": "object",
        "description": "`event: group`: a group was added or removed.",
        "required": [
          "group",
          "change"
        ],
        "properties": {
          "group": {
            "type": "string",
            "description": "The group."
          },
          "change": {
            "type": "string",
            "description": "What happened to it.",
            "enum": [
              "added",
              "removed"
            ]
          }
        },
        "additionalProperties": false
      },
      "EventHealth": {
        "type": "object",
        "description": "`event: health`: a process's health changed.",
        "required": [
          "name",
          "group",
          "status",
          "reason"
        ],
        "properties": {
          "name": {
            "type": "string",
            "description": "The process's name."
          },
          "group": {
            "type": "string",
            "description": "Its group."
          },
          "status": {
            "type": "string",
            "description": "Its health.",
            "enum": [
              "healthy",
              "unhealthy",
              "starting"
            ]
          },
          "reason": {
            "type": "string",
            "description": "Why, when unhealthy."
          }
        },
        "additionalProperties": false
      },
      "EventSupervisor": {
        "type": "object",
        "description": "`event: supervisor`: the daemon changed state.",
        "required": [
          "state"
        ],
        "properties": {
          "state": {
            "type": "string",
            "description": "The daemon's state.",
            "enum": [
              "FATAL",
              "RUNNING",
              "RESTARTING",
              "SHUTDOWN"
            ]
          }
        },
        "additionalProperties": false
      },
      "EventLog": {
        "type": "object",
        "description": "`event: log`: output of a process named in `logs`.",
        "required": [
          "name",
          "group",
          "stream",
          "data"
        ],
        "properties": {
          "name": {
            "type": "string",
            "description": "The process's name."
          },
          "group": {
            "type": "string",
            "description": "Its group."
          },
          "stream": {
            "type": "string",
            "description": "Which log.",
            "enum": [
              "stdout",
              "stderr"
            ]
          },
          "data": {
            "type": "string",
            "description": "What it wrote, decoded as UTF-8 (each invalid sequence as U+FFFD)."
          }
        },
        "additionalProperties": false
      },
      "EventResources": {
        "type": "object",
        "description": "`event: resources`: every 2 s with `resources=1`.",
        "required": [
          "time",
          "processes"
        ],
        "properties": {
          "time": {
            "type": "number",
            "description": "When the sample was taken, in Unix seconds."
          },
          "processes": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "name",
                "group",
                "state",
                "pid",
                "start",
                "restarts",
                "cpu_percent",
                "rss_bytes"
              ],
              "properties": {
                "name": {
                  "type": "string",
                  "description": "The process's name."
                },
                "group": {
                  "type": "string",
                  "description": "Its group."
                },
                "state": {
                  "type": "string",
                  "description": "Its state.",
                  "enum": [
                    "STOPPED",
                    "STARTING",
                    "RUNNING",
                    "BACKOFF",
                    "STOPPING",
                    "EXITED",
                    "FATAL",
                    "UNKNOWN"
                  ]
                },
                "pid": {
                  "type": "integer",
                  "description": "Its pid (0 without a child)."
                },
                "start": {
                  "type": "integer",
                  "description": "When it last started, in Unix seconds."
                },
                "restarts": {
                  "type": "integer",
                  "description": "Spawns after the first.",
                  "minimum": 0
                },
                "cpu_percent": {
                  "type": [
                    "number",
                    "null"
                  ],
                  "description": "CPU use of its tree since the last sample, in % of one core."
                },
                "rss_bytes": {
                  "type": [
                    "integer",
                    "null"
                  ],
                  "description": "Resident memory of its tree."
                }
              },
              "additionalProperties": false
            }
          }
        },
        "additionalProperties": false
      },
      "EventLost": {
        "type": "object",
        "description": "`event: lost`: events between `from` and `oldest` are gone; the buffer follows.",
        "required": [
          "from",
          "oldest"
        ],
        "properties": {
          "from": {
            "type": "integer",
            "description": "The Last-Event-ID the client sent."
          },
          "oldest": {
            "type": "integer",
            "description": "The oldest id the buffer still holds."
          }
        },
        "additionalProperties": false
      }
    }
  }
}

"""#
}
