job "api-worker" {
  type = "service"

  group "api" {
    count = 3

    update {
      max_parallel      = 1
      health_check      = "checks"
      healthy_deadline  = "5m0s"
      progress_deadline = "10m0s"
    }

    restart {
      attempts = 5
      interval = "5m0s"
      mode     = "fail"
    }

    network {
      port "p8080" {
        to = 8080
      }
    }

    service {
      name     = "api-worker-api"
      port     = "p8080"
      provider = "nomad"

      check {
        name     = "tcp-8080"
        type     = "tcp"
        interval = "15s"
        timeout  = "2s"
      }

      check {
        name     = "http-8080-GET"
        type     = "http"
        path     = "/health"
        method   = "GET"
        interval = "30s"
        timeout  = "5s"
      }
    }

    task "release" {
      lifecycle {
        hook    = "prestart"
        sidecar = false
      }

      driver = "docker"

      config {
        image   = "ghcr.io/example/api-worker:1.0"
        command = "python3"
        args    = ["migrate.py"]
      }

      env {
        LOG_LEVEL            = "info"
        PRIMARY_REGION       = "ams"
        PYTHONUNBUFFERED     = "1"
        QUEUE_DIR            = "./var"
        WORKER_POLL_INTERVAL = "0.5"
      }

      template {
        destination = "secrets/app.env"
        env         = true
        change_mode = "restart"
        data        = <<EOT
{{ with nomadVar "nomad/jobs/api-worker" }}
API_TOKEN={{ .API_TOKEN }}
{{ end }}
EOT
      }

      resources {
        cpu    = 125
        memory = 512
      }
    }

    task "api" {
      driver = "docker"

      config {
        image   = "ghcr.io/example/api-worker:1.0"
        command = "python3"
        args    = ["api.py"]
        ports   = ["p8080"]
      }

      env {
        FLY_PROCESS_GROUP    = "api"
        LOG_LEVEL            = "info"
        PRIMARY_REGION       = "ams"
        PYTHONUNBUFFERED     = "1"
        QUEUE_DIR            = "./var"
        WORKER_POLL_INTERVAL = "0.5"
      }

      template {
        destination = "secrets/app.env"
        env         = true
        change_mode = "restart"
        data        = <<EOT
{{ with nomadVar "nomad/jobs/api-worker" }}
API_TOKEN={{ .API_TOKEN }}
{{ end }}
EOT
      }

      resources {
        cpu    = 125
        memory = 512
      }

      kill_signal  = "SIGTERM"
      kill_timeout = "30s"
    }
  }

  group "worker" {
    count = 2

    update {
      max_parallel      = 1
      health_check      = "checks"
      healthy_deadline  = "5m0s"
      progress_deadline = "10m0s"
    }

    restart {
      attempts = 5
      interval = "5m0s"
      mode     = "fail"
    }

    network {
      port "p8081" {
        to = 8081
      }
    }

    service {
      name     = "api-worker-worker"
      port     = "p8081"
      provider = "nomad"

      check {
        name     = "worker"
        type     = "http"
        path     = "/health"
        method   = "GET"
        interval = "30s"
        timeout  = "5s"
      }
    }

    task "worker" {
      driver = "docker"

      config {
        image   = "ghcr.io/example/api-worker:1.0"
        command = "python3"
        args    = ["worker.py"]
        ports   = ["p8081"]
      }

      env {
        FLY_PROCESS_GROUP    = "worker"
        LOG_LEVEL            = "info"
        PRIMARY_REGION       = "ams"
        PYTHONUNBUFFERED     = "1"
        QUEUE_DIR            = "./var"
        WORKER_POLL_INTERVAL = "0.5"
      }

      template {
        destination = "secrets/app.env"
        env         = true
        change_mode = "restart"
        data        = <<EOT
{{ with nomadVar "nomad/jobs/api-worker" }}
API_TOKEN={{ .API_TOKEN }}
{{ end }}
EOT
      }

      resources {
        cpu    = 125
        memory = 256
      }

      kill_signal  = "SIGTERM"
      kill_timeout = "30s"
    }
  }
}
