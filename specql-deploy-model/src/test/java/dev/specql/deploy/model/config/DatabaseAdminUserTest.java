package dev.specql.deploy.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.MigrationTool;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseAdminUserTest {

    @Test
    void theAdministratorIsNeverTheAppsLoginAndIsANameRdsAccepts() {
        assertThat(database("app").adminUser()).isEqualTo("app_admin");
        // RDS wants a letter first; the spec allows '_'.
        assertThat(database("_svc").adminUser()).isEqualTo("db_svc_admin");
        String longest = "u".repeat(63);
        assertThat(database(longest).adminUser()).hasSize(63).endsWith("_admin").isNotEqualTo(longest);
    }

    private static DeploymentSpec.Database database(String user) {
        return new DeploymentSpec.Database("postgresql", "17", "shop", user, "postgresql", Optional.empty(), 20, 100, false, 10,
                MigrationTool.NONE, new DeploymentSpec.Backup("daily", 7, "03:00-04:00"));
    }
}
