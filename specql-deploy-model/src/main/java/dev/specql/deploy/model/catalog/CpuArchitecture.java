package dev.specql.deploy.model.catalog;

import java.util.regex.Pattern;

/** The CPU architectures an app's image can be built for, and how AWS, Docker and Linux name them. */
public enum CpuArchitecture {
    /** Graviton on AWS: the cheaper choice wherever the app's dependencies ship arm64 builds. */
    ARM64("ARM64", "arm64", "linux/arm64", "aarch64", "t4g.micro", "Apple silicon, Graviton"),
    X86_64("X86_64", "x86_64", "linux/amd64", "x86_64", "t3a.micro", "Intel, AMD");

    /** Graviton instance families carry a 'g' after the generation: t4g, m7g, c7gn. */
    private static final Pattern GRAVITON = Pattern.compile("^[a-z]+[0-9]+g[a-z]*\\..*");

    private final String ecs;
    private final String ec2;
    private final String docker;
    private final String kernel;
    private final String smallestInstance;
    private final String machines;

    CpuArchitecture(String ecs, String ec2, String docker, String kernel, String smallestInstance, String machines) {
        this.ecs = ecs;
        this.ec2 = ec2;
        this.docker = docker;
        this.kernel = kernel;
        this.smallestInstance = smallestInstance;
        this.machines = machines;
    }

    /** Machines people build on with this architecture, for docs: "Apple silicon, Graviton". */
    public String machines() {
        return machines;
    }

    /** The other architecture, which emulates this one. */
    public CpuArchitecture other() {
        return this == ARM64 ? X86_64 : ARM64;
    }

    /** The architecture of an EC2 instance type, from its family's name. */
    public static CpuArchitecture ofInstanceType(String instanceType) {
        return GRAVITON.matcher(instanceType).matches() ? ARM64 : X86_64;
    }

    /** The cheapest burstable instance type of this architecture, for the one hobby-project server. */
    public String smallestInstance() {
        return smallestInstance;
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
