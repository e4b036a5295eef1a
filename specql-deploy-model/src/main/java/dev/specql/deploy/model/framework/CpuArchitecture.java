package dev.specql.deploy.model.framework;

/** The CPU architectures an app's image can be built for. */
public enum CpuArchitecture {
    /** Graviton on AWS: the cheaper choice wherever the app's dependencies ship arm64 builds. */
    ARM64("ARM64", "arm64", "linux/arm64", "aarch64"),
    X86_64("X86_64", "x86_64", "linux/amd64", "x86_64");

    private final String ecs;
    private final String ec2;
    private final String docker;
    private final String kernel;

    CpuArchitecture(String ecs, String ec2, String docker, String kernel) {
        this.ecs = ecs;
        this.ec2 = ec2;
        this.docker = docker;
        this.kernel = kernel;
    }

    /** As the Linux kernel (uname -m) and release binaries name it: aarch64, x86_64. */
    public String kernel() {
        return kernel;
    }

    /** As ECS task definitions name it: ARM64, X86_64. */
    public String ecs() {
        return ecs;
    }

    /** As EC2 and AMIs name it: arm64, x86_64. */
    public String ec2() {
        return ec2;
    }

    /** As Docker platforms name it: linux/arm64, linux/amd64. */
    public String docker() {
        return docker;
    }
}
