// What flyctl's `fly config validate` concludes for each real-world fly.toml in
// ../shared/corpus/real/ (sources in SOURCES.tsv there). Derived from the rules in
// shared/reference/fly-config-spec.md: §2.1 syntax, §2.2 normalisation patches,
// §2.3 strict typed decode (failures there are a "degraded load", §2.4), §9.1 validation
// errors. §9.2 warnings never change a verdict.
//
// Counts: 144 valid, 2 rejected, 1 rejected at deploy, 0 degraded, 3 invalid TOML.
// Line numbers are 1-based lines of the file itself.

/// What flyctl does with each file of ../shared/corpus/real/ (150 files).
enum RealCorpusVerdict: Sendable, Equatable {
    /// Loads, decodes and passes validation.
    case valid
    /// Not TOML 1.0; `line` is where the syntax error is reported.
    case invalidTOML(line: Int)
    /// Loads as TOML, but a normalisation patch or the typed decode fails (spec §2.4).
    case degraded
    /// Loads and decodes, but a §9.1 validation rule fails.
    case rejected
    /// `fly config validate` passes it, but `fly deploy` fails while building the Machine config
    /// (spec §9.4: flyctl's validator never reports Machine-conversion failures). Hangar reports
    /// these at validation time, as errors.
    case rejectedAtDeploy
}

/// One corpus file and flyctl's verdict on it; `why` is set for every non-valid file.
struct RealCorpusExpectation: Sendable {
    let file: String
    let verdict: RealCorpusVerdict
    let why: String
}

enum RealCorpus {
    /// Folder of the corpus, relative to the repository root.
    static let folder = "../shared/corpus/real"

    static let expectations: [RealCorpusExpectation] = [
        RealCorpusExpectation(file: "000000f0__blackjack21__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "021327__microposts__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "03c__hardcopy__fly.toml", verdict: .valid, why: "legacy: integer service-check interval/timeout read as milliseconds (10s/2s); empty headers table dropped"),
        RealCorpusExpectation(file: "0Calories__testbuds__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "0Zeno__qrAPI__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "0bs-chat__crawler__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "0grre__crealion-backend__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "0ptim__JellyChat__backend_fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "0swin__0swinGPT__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "0verread__hypertask__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "0x00whitecode__fastapi-book-project__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "0x2E__fusion__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "0x48756773__WFPSIncidents__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "0x6A6471__gather__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "0xdagarn__paprica-app__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "112RG__Curator__fly.toml", verdict: .valid, why: "a bare [services.concurrency] (line 24) makes one service with no ports or internal_port: only a warning"),
        RealCorpusExpectation(file: "155pod__cover_tracker__fly.toml", verdict: .valid, why: "legacy v1 layout (processes = [], http_checks = [], script_checks, restart_limit, allowed_public_ports): normalised or ignored"),
        RealCorpusExpectation(file: "1aozhang__flyss__fly.toml", verdict: .valid, why: "legacy: port = \"2052\" coerced to an integer; integer tcp-check durations are milliseconds"),
        RealCorpusExpectation(file: "29decibel__void_inbox__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "3loop__transaction-frame__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "404hiro__larabase__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "ANUcybernetics__panic__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "Accurate0__maccas-api__web_fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "Adjilino__tesla-eyes__fly.toml", verdict: .valid, why: "legacy: mounts = [] and processes = [] normalise to nothing"),
        RealCorpusExpectation(file: "Aeonia-ai__gaia__fly.kb.dev.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "Aikido-demo-apps__zen-demo-php__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "AkinoKaede__question-marks-reply-bot-rs__fly.toml", verdict: .valid, why: "legacy: [[env]] array of tables merged"),
        RealCorpusExpectation(file: "AldanTanneo__lotr-mod-discord-bot__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "AleksVarlaam__Chick-Chuck__fly.toml", verdict: .valid, why: "[[http_service.ports]] (line 26) is not a flyctl key: ignored"),
        RealCorpusExpectation(file: "AlexanderCohen__hostedgpt__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "Alschn__engineer_thesis_api__fly.toml", verdict: .valid, why: "legacy v1 layout (processes = [], http_checks = [], script_checks, restart_limit): normalised or ignored"),
        RealCorpusExpectation(file: "Anxiko__needlist__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "Arinono__wuxia2kindle__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "Arrshavin__Telegram-Chatbot-Gpt4Free__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "Artica2012__VirtualGM__fly.toml", verdict: .valid, why: "[[http_services]] (line 12) is an unknown top-level key: ignored; the following [[services.ports]] attach to services[0]"),
        RealCorpusExpectation(file: "AzureFlow__px-mobile-api__fly.toml", verdict: .valid, why: "env value false stringified to \"false\""),
        RealCorpusExpectation(file: "BDWeekbot__Discord-Bot__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "BakerNet__minesweeper-io__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "Baradoy__dogear__fly.toml", verdict: .valid, why: "legacy v1 layout (processes = [], http_checks = [], script_checks, restart_limit, allowed_public_ports): normalised or ignored"),
        RealCorpusExpectation(file: "BastiDood__helium-localization-management__api_fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "BeaconCMS__beacon_demo__fly.toml", verdict: .valid, why: ""),
        // Rejected: spec §9.1 / §5.7 (top-level check type must be 'http' or 'tcp').
        // [checks.health] at line 21 has port/path/method/protocol but no `type` key, so flyctl says
        // "Can't process top level check 'health': Missing or invalid check type, must be 'http' or 'tcp'".
        RealCorpusExpectation(file: "BerriAI__litellm-agent-platform__cloud-vault_fly.toml", verdict: .rejected, why: "§9.1: top-level check 'health' ([checks.health], line 21) has no type; flyctl: Can't process top level check 'health': Missing or invalid check type, must be 'http' or 'tcp'"),
        RealCorpusExpectation(file: "Bigdata-com__bigdata-briefs__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "BillysBigFileServer__big_central__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "Biri0__uno-server__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "Blockcast__moq-rs__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "BrianRonte__paab-website__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "Cabeda__porto-stcp-realtime__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "CaiqueMitsuoka__sextou__fly.toml", verdict: .valid, why: "legacy v1 layout (http_checks = [], script_checks, restart_limit, allowed_public_ports): normalised or ignored"),
        RealCorpusExpectation(file: "CheckerNetwork__spark-api__publish_fly.toml", verdict: .valid, why: ""),
        // §5.7/§9.4: [checks.alive] has no port and the app has no http_service to borrow one from.
        // flyctl's validate misses it (it tests the wrong error variable); `fly deploy` fails with
        // "Check 'alive' for process group 'app' has no port set and the group has no http_service".
        RealCorpusExpectation(file: "Cordtus__yaci-postgrest__fly.worker.toml", verdict: .rejectedAtDeploy, why: "§5.7/§9.4: check 'alive' has no port and there is no http_service: flyctl's validate passes (its bug), deploy fails building the Machine config"),
        RealCorpusExpectation(file: "DevOrtega__portfolio__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "Fstudiosmx__FansiteCMS__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "Insulince__qbot__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "Ivcota__housing-support-stack__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "KGRamzii__pleasedontshoot__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "KnowATL__innovate-atl__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "Luiz12390__sgc-corrigido__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "MarkIannucci__headscale-on-fly-io__fly.template.toml", verdict: .valid, why: "legacy v1 layout (processes = [], http_checks = [], script_checks, restart_limit): normalised or ignored"),
        RealCorpusExpectation(file: "MaxAndreev27__portfolio__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "MayaReinart__aitools__fly.toml", verdict: .valid, why: "single [vm] table; cpu_shares is not a flyctl key: ignored"),
        // Invalid TOML: spec §2.1 (duplicate keys are a syntax error).
        // `min_machines_running = 1` appears twice in the same [[services]] table: line 27 and line 30.
        RealCorpusExpectation(file: "MayaReinart__aitools__fly.worker.toml", verdict: .invalidTOML(line: 30), why: "§2.1: duplicate key min_machines_running in the [[services]] table (line 27, again at line 30)"),
        RealCorpusExpectation(file: "Mokkatrukki__ols-viikkopelit__fly.toml", verdict: .valid, why: "[[http_service.autostop]] and [[vm]] init are not flyctl keys: ignored"),
        RealCorpusExpectation(file: "MutinyWallet__blinded-hermes__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "PREreview__prereview.org__fly.http-cache.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "Reality-Hack__realityhack.world-backend__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "RugeFX__wadah-kerja__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "SentryPeer__SentryPeer__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "Storvax__lumina-app__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "Subvisual-Academy__center__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "SuffolkLITLab__EfileProxyServer__scripts_fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "TerminalGravity__cross-market-state-fusion__fly.worker.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "UoaWDCC__uasc-web__fly.production.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "WeKruit__GHOST-HANDS__fly.worker.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "Zach-hammad__repotoire__fly.worker.toml", verdict: .valid, why: "[[vm]] swap_size_mb is not a flyctl key: ignored"),
        RealCorpusExpectation(file: "absaltfox__dissertation-workbench__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "ackatz__whisper.page__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "agrinman__tunnelto__fly.toml", verdict: .valid, why: "legacy: string ports coerced; integer http-check durations are milliseconds; env NET_PORT = 10002 stringified"),
        RealCorpusExpectation(file: "ajbt200128__elixir_bot__fly.toml", verdict: .valid, why: "legacy v1 layout (processes = [], http_checks = [], script_checks, restart_limit, allowed_public_ports): normalised or ignored"),
        RealCorpusExpectation(file: "alisinabh__badgify__fly.production.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "amassaad__podcast_vault__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "andreyuhai__derdini-gg__fly.production.toml", verdict: .valid, why: "legacy v1 layout (processes = [], http_checks = [], script_checks, restart_limit, allowed_public_ports): normalised or ignored"),
        RealCorpusExpectation(file: "anycable__larachat__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "anycable__rails-visitor-counter__fly.toml", verdict: .valid, why: "legacy v1 layout (http_checks = [], script_checks, restart_limit, allowed_public_ports): normalised or ignored"),
        RealCorpusExpectation(file: "apmiller108__tmp__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "arifkejora__Project-Sistem-Pengaduan-Kabupaten-Mesuji__fly.toml", verdict: .valid, why: "legacy v1 layout (processes = [], http_checks = [], script_checks, restart_limit): normalised or ignored"),
        RealCorpusExpectation(file: "asmello__amigo-oculto__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "audiodude__ismygem.online__fly.worker.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "bavi404__scalable-code-execution-engine__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "beverage__language-quiz-service__infra_redis_staging_fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "bgeihsgt__dfkapi__fly.api.toml", verdict: .valid, why: "legacy v1 layout (processes = [], http_checks = [], script_checks, restart_limit, allowed_public_ports): normalised or ignored"),
        RealCorpusExpectation(file: "binary-koan__churchsite__fly.toml", verdict: .valid, why: "legacy v1 layout (processes = [], http_checks = [], script_checks, restart_limit): normalised or ignored"),
        RealCorpusExpectation(file: "bobtfish__liminal-umbrella__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "brunossilveira__mailpouch__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "camino-school__lanttern__fly.dev.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "charlesdeb__gcsd-poc__fly.staging.toml", verdict: .valid, why: "[[vm]] memory = 512 (integer) stringified to \"512\" (MB)"),
        RealCorpusExpectation(file: "cihan-atas__opennews__fly.toml", verdict: .valid, why: "[resources] is not a flyctl key: ignored"),
        RealCorpusExpectation(file: "cjkootch__vex__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "cloudmanic__rental-notice__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "codyps__litefs-proxy-error__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "commonknowledge__leftbookclub__fly.production.toml", verdict: .valid, why: "legacy: string ports coerced; integer http-check durations are milliseconds; empty headers table dropped"),
        RealCorpusExpectation(file: "cornerman__kicks__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "cosmik-network__semble__fly.development.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "cosmik-network__semble__fly.production.toml", verdict: .valid, why: "http_service.max_machines_running is not a flyctl key: ignored"),
        RealCorpusExpectation(file: "danjvarela__budget-buddy-backend__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "daviddesu__plane-club__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "dcodesmith__hyre-worker-nestjs__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "dejagersh__symfony-prometheus-prototype__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "denofn__dreg__fly.toml", verdict: .valid, why: "legacy: string ports coerced; integer tcp-check durations are milliseconds"),
        RealCorpusExpectation(file: "derfman9303__chess-laravel__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "design-history__design-history__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "dfcastro__wx_barber_shop__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "djangocon__djangoconus-automation__fly.toml", verdict: .valid, why: "legacy v1 layout (http_checks = [], script_checks, restart_limit): normalised or ignored"),
        // Invalid TOML: spec §2.1 (a key cannot be defined twice).
        // `processes = []` at line 6 already defines `processes`; the [processes] table header at line 48
        // redefines it.
        RealCorpusExpectation(file: "ebalo55__OpenForum__fly.toml", verdict: .invalidTOML(line: 48), why: "§2.1: [processes] table header at line 48 redefines the key set by processes = [] at line 6"),
        RealCorpusExpectation(file: "em429__arkive__fly.toml", verdict: .valid, why: "legacy v1 layout (processes = [], http_checks = [], script_checks, restart_limit): normalised or ignored"),
        RealCorpusExpectation(file: "embarkokc__digitransit-ui__fly.production.toml", verdict: .valid, why: "top-level org is not a flyctl key: ignored"),
        RealCorpusExpectation(file: "estiens__world_cup_json__fly.worker.toml", verdict: .valid, why: "legacy v1 layout (http_checks = [], script_checks, restart_limit, allowed_public_ports): normalised or ignored"),
        RealCorpusExpectation(file: "faiverson__efooball__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "farhan-helmy__kenascam-api__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "fifle__donationbox__fly.donationbox.ee.toml", verdict: .valid, why: "legacy v1 layout (processes = [], http_checks = [], script_checks, restart_limit, allowed_public_ports): normalised or ignored"),
        RealCorpusExpectation(file: "fly-apps__cockroachdb__fly.toml", verdict: .valid, why: "legacy singular [mount]"),
        RealCorpusExpectation(file: "fly-apps__cog-sd3__fly.toml", verdict: .valid, why: "app = '' (no app name: flyctl needs --app or FLY_APP to run validate)"),
        RealCorpusExpectation(file: "fly-apps__global-rails__fly.toml", verdict: .valid, why: "legacy v1 layout (http_checks = [], script_checks, restart_limit, allowed_public_ports): normalised or ignored"),
        RealCorpusExpectation(file: "fly-apps__hello_elixir__fly.example.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "fly-apps__litevfs-demo__fly_fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "fly-apps__nats-cluster__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "fly-apps__natstream__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "fly-apps__postgres-ha__fly.toml", verdict: .valid, why: "services = [] means no services"),
        RealCorpusExpectation(file: "fly-apps__python_gpu_example__fly.toml", verdict: .valid, why: "dotted vm.size at top level is a single [vm] table"),
        RealCorpusExpectation(file: "fly-apps__redis-geo-cache__fly.toml", verdict: .valid, why: "no app key (flyctl needs --app or FLY_APP to run validate); legacy singular [mount]"),
        RealCorpusExpectation(file: "fly-apps__vllm-demo__fly.toml", verdict: .valid, why: "experimental.entrypoint string becomes a one-element list"),
        RealCorpusExpectation(file: "fly-apps__vscode-remote__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "fly-apps__wps__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "foldaway__mrtdown-site__fly.preview.toml", verdict: .valid, why: ""),
        // Invalid TOML: spec §2.1 (a key cannot be defined twice).
        // `processes = []` at line 6 already defines `processes`; the [processes] table header at line 27
        // redefines it.
        RealCorpusExpectation(file: "ftpfranco__empatodo2__fly.toml", verdict: .invalidTOML(line: 27), why: "§2.1: [processes] table header at line 27 redefines the key set by processes = [] at line 6"),
        RealCorpusExpectation(file: "fxstr__video-optimizer-api__fly.production.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "gitcoinco__grants-stack-indexer__fly.maci.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "gitcoinco__grants-stack-indexer__fly.production.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "gitcoinco__grants-stack-indexer__fly.toml", verdict: .valid, why: "auto-extend 80% / 5GB / 100GB is within §5.9 limits"),
        RealCorpusExpectation(file: "hoplime__convergence-games__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "mannimann__WLC-Laravel__fly.toml", verdict: .valid, why: "legacy v1 layout (processes = [], http_checks = [], script_checks, restart_limit): normalised or ignored"),
        // Rejected: spec §9.1 / §6.4 (every service needs `processes` once [processes] is non-empty).
        // [processes] at line 61 defines one group (app); the [[services]] at line 64 has no `processes`
        // (the http_service at line 49 does), so flyctl says "Service has no processes set but app has 1
        // processes defined".
        RealCorpusExpectation(file: "marcocarpani__laninna-hedgehog-app__fly.toml", verdict: .rejected, why: "§9.1: [processes] (line 61) defines 1 group but the [[services]] at line 64 has no processes; flyctl: Service has no processes set but app has 1 processes defined"),
        RealCorpusExpectation(file: "marfino3028__HamzTech__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "mirzafahmi__TeamUp__fly.toml", verdict: .valid, why: "mount destination 'var/www/html/storage' is relative: flyctl does not check"),
        RealCorpusExpectation(file: "mubaraqwahab__vocablog__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "openstatusHQ__openstatus__apps_ssh-server_fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "paperclipmonkey__subterra__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "parkroad-fellowship__core__fly.toml", verdict: .valid, why: "services[0].force_https (line 40) is not a service key: ignored"),
        RealCorpusExpectation(file: "stevie86__legal-laravel-crm__fly.toml", verdict: .valid, why: ""),
        RealCorpusExpectation(file: "xfathurrahman__Lakubo-app__fly.toml", verdict: .valid, why: ""),
    ]
}
