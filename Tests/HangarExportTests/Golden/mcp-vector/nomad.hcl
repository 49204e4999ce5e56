job "mcp-vector" {
  type = "service"

  group "vectordb" {
    count = 1

    update {
      max_parallel      = 1
      health_check      = "checks"
      healthy_deadline  = "5m0s"
      progress_deadline = "10m0s"
    }

    restart {
      attempts = 10
      interval = "5m0s"
      mode     = "fail"
    }

    constraint {
      operator = "distinct_hosts"
      value    = "true"
    }

    network {
      port "p6333" {
        to = 6333
      }
    }

    service {
      name     = "mcp-vector-vectordb"
      port     = "p6333"
      provider = "nomad"

      check {
        name     = "vectordb"
        type     = "http"
        path     = "/health"
        method   = "GET"
        interval = "15s"
        timeout  = "5s"
      }
    }

    volume "vectors" {
      type      = "host"
      source    = "vectors"
      read_only = false
    }

    task "vectordb" {
      driver = "docker"

      config {
        image   = "ghcr.io/example/mcp-vector:1.0"
        command = "python3"
        args    = ["vectordb.py"]
        ports   = ["p6333"]
      }

      env {
        DATA_DIR          = "/data"
        FLY_PROCESS_GROUP = "vectordb"
        LOG_LEVEL         = "info"
        PRIMARY_REGION    = "ams"
        PYTHONUNBUFFERED  = "1"
        VECTORDB_URL      = "http://vectordb.process.mcp-vector.internal:6333"
      }

      template {
        destination = "secrets/app.env"
        env         = true
        change_mode = "restart"
        data        = <<EOT
{{ with nomadVar "nomad/jobs/mcp-vector" }}
EMBEDDING_API_KEY={{ .EMBEDDING_API_KEY }}
{{ end }}
EOT
      }

      volume_mount {
        volume      = "vectors"
        destination = "/data"
      }

      resources {
        cpu    = 125
        memory = 512
      }

      kill_signal  = "SIGTERM"
      kill_timeout = "10s"
    }
  }

  group "web" {
    count = 2

    update {
      max_parallel      = 1
      health_check      = "checks"
      healthy_deadline  = "5m0s"
      progress_deadline = "10m0s"
    }

    restart {
      attempts = 10
      interval = "5m0s"
      mode     = "fail"
    }

    network {
      port "p8080" {
        to = 8080
      }
    }

    service {
      name     = "mcp-vector-web"
      port     = "p8080"
      provider = "nomad"

      check {
        name     = "http-8080-GET"
        type     = "http"
        path     = "/health"
        method   = "GET"
        interval = "15s"
        timeout  = "5s"
      }
    }

    task "web" {
      driver = "docker"

      config {
        image   = "ghcr.io/example/mcp-vector:1.0"
        command = "python3"
        args    = ["web.py"]
        ports   = ["p8080"]
      }

      env {
        DATA_DIR          = "/data"
        FLY_PROCESS_GROUP = "web"
        LOG_LEVEL         = "info"
        PRIMARY_REGION    = "ams"
        PYTHONUNBUFFERED  = "1"
        VECTORDB_URL      = "http://vectordb.process.mcp-vector.internal:6333"
      }

      template {
        destination = "secrets/app.env"
        env         = true
        change_mode = "restart"
        data        = <<EOT
{{ with nomadVar "nomad/jobs/mcp-vector" }}
EMBEDDING_API_KEY={{ .EMBEDDING_API_KEY }}
{{ end }}
EOT
      }

      resources {
        cpu    = 125
        memory = 256
      }

      kill_signal  = "SIGTERM"
      kill_timeout = "10s"
    }
  }
}
