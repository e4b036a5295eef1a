package dev.specql.deploy.model;

/** The background job system a worker runs (application.worker.system). */
public enum JobSystem implements Keyword {
    CELERY("celery", "Celery", "celery", true),
    /** RQ through django-rq's management commands. */
    RQ("rq", "RQ", "django-rq", true),
    /** Dramatiq through django-dramatiq's management command. */
    DRAMATIQ("dramatiq", "Dramatiq", "django-dramatiq", true),
    /** Huey through its Django integration (huey.contrib.djhuey). */
    HUEY("huey", "Huey", "huey", true),
    SIDEKIQ("sidekiq", "Sidekiq", "sidekiq", true),
    /** Its threads and processes come from config/queue.yml, not from the command line. */
    SOLID_QUEUE("solid_queue", "Solid Queue", "solid_queue", false),
    GOOD_JOB("good_job", "GoodJob", "good_job", false);

    private final String id;
    private final String displayName;
    private final String dependency;
    private final boolean broker;

    JobSystem(String id, String displayName, String dependency, boolean broker) {
        this.id = id;
        this.displayName = displayName;
        this.dependency = dependency;
        this.broker = broker;
    }

    @Override
    public String id() {
        return id;
    }

    /** The project's own spelling, for messages and READMEs. */
    public String displayName() {
        return displayName;
    }

    /** The package (PyPI) or gem the app must depend on. */
    public String dependency() {
        return dependency;
    }

    /** Whether the worker's command takes application.worker.concurrency. */
    public boolean takesConcurrency() {
        return this != SOLID_QUEUE;
    }

    /** Whether jobs travel through a Redis-compatible broker; the others keep their queue in PostgreSQL. */
    public boolean needsBroker() {
        return broker;
    }

    @Override
    public String toString() {
        return id;
    }
}
