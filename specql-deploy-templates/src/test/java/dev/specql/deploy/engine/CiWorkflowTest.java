package dev.specql.deploy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** Phase 3's CI workflow: what it runs is read from the app, user text cannot become an expression, GitLab says it is left out. */
class CiWorkflowTest {

    private static final String WORKFLOW = ".github/workflows/ci.yml";

    private static EngineResult generate(Path project, String spec, Map<String, String> files) throws Exception {
        Files.writeString(project.resolve("deployment.yaml"), spec);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.createDirectories(project.resolve(file.getKey()).getParent());
            Files.writeString(project.resolve(file.getKey()), file.getValue());
        }
        return ProjectDetectionTest.run(project);
    }

    private static final String DJANGO = "deployment: {name: shop, framework: django, pattern: small-saas}\n"
            + "platform: {domain: shop.example.com}\napplication: {module: shop}\n";
    private static final Map<String, String> DJANGO_APP = Map.of(
            "manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n",
            "shop/__init__.py", "", "shop/settings.py", "DEBUG = False\nSTATIC_ROOT = \"staticfiles\"\n", "shop/wsgi.py", "",
            "requirements.txt", "django==5.2.8\ngunicorn==23.0.0\npsycopg[binary]==3.2.12\nwhitenoise==6.11.0\n");

    @Test
    void theTestRequirementsFileDecidesPytestAndRuffOverDjangosOwnRunner(@TempDir Path project) throws Exception {
        Map<String, String> app = new java.util.HashMap<>(DJANGO_APP);
        app.put("requirements-dev.txt", "-r requirements.txt\npytest==8.4.2\npytest-django==4.11.1\nruff==0.14.5\n");
        generate(project, DJANGO, app);
        String workflow = Files.readString(project.resolve(WORKFLOW));
        assertThat(workflow).contains("run: \"python -m pip install --requirement requirements.txt --requirement requirements-dev.txt\"")
                .contains("run: \"ruff check .\"").contains("run: \"pytest\"").doesNotContain("manage.py test")
                .contains("\"cache-dependency-path\": \"requirements.txt\\nrequirements-dev.txt\"");
        assertThat(Files.readString(project.resolve("generated/cicd/CICD_README.md"))).contains("| lint | `ruff check .` | ruff in requirements-dev.txt:4 |");
    }

    @Test
    void withoutTestToolsDjangoRunsItsOwnChecksAndRunner(@TempDir Path project) throws Exception {
        generate(project, DJANGO, DJANGO_APP);
        assertThat(Files.readString(project.resolve(WORKFLOW))).contains("run: \"python manage.py makemigrations --check --dry-run\"")
                .contains("run: \"python manage.py test\"").doesNotContain("pytest");
    }

    @Test
    void aSpecValueHoldingAnExpressionReachesTheWorkflowAsPlainText(@TempDir Path project) throws Exception {
        generate(project, DJANGO + "environment:\n  dev: {GREETING: \"${{ secrets.GITHUB_TOKEN }}\"}\n", DJANGO_APP);
        String workflow = Files.readString(project.resolve(WORKFLOW));
        assertThat(workflow).contains("\"GREETING\": \"${{ '${{' }} secrets.GITHUB_TOKEN }}\"");
        Map<?, ?> parsed = new Yaml().load(workflow);
        Map<?, ?> env = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) parsed.get("jobs")).get("test")).get("env");
        assertThat(env.get("GREETING")).isEqualTo("${{ '${{' }} secrets.GITHUB_TOKEN }}");
    }

    @Test
    void gitlabGetsTheSameJobsWithItsOwnExpansionEscaped(@TempDir Path project) throws Exception {
        EngineResult result = generate(project, DJANGO + "cicd: {provider: gitlab-ci}\nenvironment:\n  dev: {GREETING: \"$HOME ${CI_JOB_TOKEN}\"}\n",
                DJANGO_APP);
        assertThat(project.resolve(".github")).doesNotExist();
        String pipeline = Files.readString(project.resolve(".gitlab-ci.yml"));
        // GitLab expands variables, never scripts: $ is doubled in a value, kept in a script line (the shell's quoting holds).
        assertThat(pipeline).contains("\"GREETING\": \"$$HOME $${CI_JOB_TOKEN}\"")
                .contains("\"DATABASE_URL\": \"postgresql://app@postgres:5432/shop\"")
                .contains("- \"python manage.py makemigrations --check --dry-run\"")
                .contains("image: \"python:3.13.16-trixie\"");
        assertThat(result.notes()).anyMatch(note -> note.startsWith("cicd: .gitlab-ci.yml is at the project root"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void gitlabDeploysInPromotionOrderFromTheRefsThatDeploy(@TempDir Path project) throws Exception {
        generate(project, DJANGO + """
                cicd:
                  provider: gitlab-ci
                  triggers:
                    - {event: push, branch: develop, action: deploy, environment: qa}
                    - {event: tag, branch: "v1.*", action: deploy, environment: staging}
                  environments:
                    - {name: qa, auto_deploy: true}
                    - {name: staging, auto_deploy: true}
                    - {name: production, approval_required: true}
                """, DJANGO_APP);
        Map<String, Object> pipeline = new Yaml().load(Files.readString(project.resolve(".gitlab-ci.yml")));
        List<Map<String, Object>> workflow = (List<Map<String, Object>>) ((Map<String, Object>) pipeline.get("workflow")).get("rules");
        // Deploying pushes run even when their branch has an open merge request (the rule that says never comes after).
        assertThat(workflow.stream().map(rule -> rule.get("if"))).containsSubsequence(
                "$CI_PIPELINE_SOURCE == \"push\" && $CI_COMMIT_BRANCH == \"develop\"",
                "$CI_PIPELINE_SOURCE == \"push\" && $CI_COMMIT_TAG =~ /^v1\\./",
                "$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS");
        Map<String, Object> production = (Map<String, Object>) pipeline.get("deploy-production");
        assertThat(production.get("resource_group")).isEqualTo("production");
        assertThat(production.get("interruptible")).isEqualTo(false);
        assertThat((Map<String, Object>) production.get("environment")).containsEntry("deployment_tier", "production")
                .containsEntry("url", "https://shop.example.com");
        assertThat(((Map<String, Object>) ((Map<String, Object>) production.get("id_tokens")).get("AWS_ID_TOKEN")).get("aud"))
                .isEqualTo("$CI_SERVER_URL");
        assertThat((List<Map<String, Object>>) production.get("rules")).allSatisfy(rule -> assertThat(rule.get("when")).isEqualTo("manual"))
                .extracting(rule -> rule.get("if")).containsExactly("$CI_PIPELINE_SOURCE == \"push\" && $CI_COMMIT_BRANCH == \"develop\"",
                        "$CI_PIPELINE_SOURCE == \"push\" && $CI_COMMIT_TAG =~ /^v1\\./");
        assertThat((List<Map<String, Object>>) production.get("needs")).extracting(need -> need.get("job"))
                .containsExactly("test", "publish-image", "deploy-staging");
        Map<String, Object> qa = (Map<String, Object>) pipeline.get("deploy-qa");
        assertThat((Map<String, Object>) qa.get("environment")).containsEntry("deployment_tier", "testing");
        assertThat((List<String>) qa.get("script")).contains("AWS_ROLE_ARN=\"$AWS_DEPLOY_ROLE_ARN\" ./generated/cicd/gitlab-aws.sh deploy qa");
        assertThat(project.resolve("generated/cicd/gitlab-aws.sh")).isExecutable();
        assertThat(project.resolve("generated/cicd/deploy-ecs.sh")).isExecutable();
        assertThat(project.resolve(".github")).doesNotExist();
        String trust = Files.readString(project.resolve("generated/infrastructure/opentofu/environments/production/ci.tf"));
        assertThat(trust).contains("ci_subjects      = [\"project_path:${var.ci_repository}:ref_type:branch:ref:develop\"]")
                .contains("ci_subject_patterns = [\"project_path:${var.ci_repository}:ref_type:tag:ref:v1.*\"]");
    }

    /** A workflow's triggers: the key on, which YAML 1.1 readers may take for the boolean true. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> triggers(Path file) throws Exception {
        Map<Object, Object> parsed = new Yaml().load(Files.readString(file));
        return (Map<String, Object>) (parsed.containsKey("on") ? parsed.get("on") : parsed.get(Boolean.TRUE));
    }

    @Test
    void pushesThatDeployRunCiThroughTheDeployWorkflowAndOtherPushesStillRunIt(@TempDir Path project) throws Exception {
        generate(project, DJANGO, DJANGO_APP);
        assertThat(triggers(project.resolve(WORKFLOW))).containsKeys("pull_request", "workflow_call").doesNotContainKey("push");
        assertThat(triggers(project.resolve(".github/workflows/deploy.yml")).get("push"))
                .isEqualTo(Map.of("branches", java.util.List.of("main")));
    }

    @Test
    void whenOnlyDevelopDeploysPushesToTheDefaultBranchStillRunCi(@TempDir Path project) throws Exception {
        generate(project, DJANGO + "cicd:\n  triggers: [{event: push, branch: develop, action: deploy, environment: staging}]\n", DJANGO_APP);
        Map<String, Object> on = triggers(project.resolve(WORKFLOW));
        assertThat(on).containsKeys("pull_request", "workflow_call", "push");
        assertThat(on.get("push")).isEqualTo(Map.of("branches", java.util.List.of("main")));
        String deploy = Files.readString(project.resolve(".github/workflows/deploy.yml"));
        assertThat(deploy).contains("github.ref == 'refs/heads/develop'").doesNotContain("refs/heads/main");
    }
}
