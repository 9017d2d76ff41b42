package dev.rushgate.infra;

import java.util.Objects;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.rds.AuroraPostgresClusterEngineProps;
import software.amazon.awscdk.services.rds.AuroraPostgresEngineVersion;
import software.amazon.awscdk.services.rds.ClusterInstance;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseCluster;
import software.amazon.awscdk.services.rds.DatabaseClusterEngine;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * Aurora PostgreSQL Serverless v2 with one serverless writer. The credentials are generated into Secrets
 * Manager and never reach an environment variable: functions get the secret's ARN and read it themselves.
 * With a minimum of 0 ACU the cluster pauses when idle, so an unused database costs only its storage.
 */
public final class Database extends Construct {

    private final DatabaseCluster cluster;
    private final String databaseName;

    public Database(Construct scope, String id, Props props) {
        super(scope, id);
        this.databaseName = props.databaseName();
        this.cluster = DatabaseCluster.Builder.create(this, "Cluster")
                .engine(DatabaseClusterEngine.auroraPostgres(AuroraPostgresClusterEngineProps.builder()
                        .version(AuroraPostgresEngineVersion.VER_16_6).build()))
                .writer(ClusterInstance.serverlessV2("writer"))
                .serverlessV2MinCapacity(props.minCapacity())
                .serverlessV2MaxCapacity(props.maxCapacity())
                .serverlessV2AutoPauseDuration(Duration.minutes(10))
                .credentials(Credentials.fromGeneratedSecret("rushgate"))
                .defaultDatabaseName(props.databaseName())
                .vpc(props.network().vpc())
                .vpcSubnets(props.network().privateSubnets())
                .storageEncrypted(true)
                .iamAuthentication(true)
                .removalPolicy(RemovalPolicy.SNAPSHOT)
                .build();
        Validations.of(cluster).acknowledge(
                Acknowledgment.builder().id("AwsSolutions::AwsSolutions-RDS10")
                        .reason("Removal policy SNAPSHOT keeps the data; deletion protection would make cdk destroy "
                                + "fail for everyone trying Rushgate").build());
        Validations.of(cluster.getSecret()).acknowledge(
                Acknowledgment.builder().id("AwsSolutions::AwsSolutions-SMG4")
                        .reason("Functions read the secret once per execution environment (and after SnapStart "
                                + "restore); rotation needs re-reading on auth failure first").build());
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + cluster.getClusterEndpoint().getSocketAddress() + "/" + databaseName;
    }

    public DatabaseCluster cluster() {
        return cluster;
    }

    public ISecret secret() {
        return Objects.requireNonNull(cluster.getSecret(), "generated credentials");
    }

    public void allowFrom(IConnectable peer, String who) {
        cluster.getConnections().allowDefaultPortFrom(peer, who + " to PostgreSQL");
    }

    /**
     * @param network      where the cluster lives
     * @param databaseName the database created with the cluster
     * @param minCapacity  ACUs when idle: 0 lets it pause
     * @param maxCapacity  ACUs at the peak, at least minCapacity and at least 1
     */
    public record Props(Network network, String databaseName, double minCapacity, double maxCapacity) {
        public Props {
            Objects.requireNonNull(network, "network");
            if (databaseName == null || !databaseName.matches("[a-z][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("databaseName must be a lowercase identifier: " + databaseName);
            }
            if (minCapacity < 0 || maxCapacity < 1 || maxCapacity > 256 || minCapacity > maxCapacity) {
                throw new IllegalArgumentException("capacity needs 0 <= min <= max, 1 <= max <= 256");
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private Network network;
            private String databaseName = "rushgate";
            private double minCapacity = 0;
            private double maxCapacity = 8;

            public Builder network(Network network) {
                this.network = network;
                return this;
            }

            public Builder databaseName(String databaseName) {
                this.databaseName = databaseName;
                return this;
            }

            public Builder minCapacity(double minCapacity) {
                this.minCapacity = minCapacity;
                return this;
            }

            public Builder maxCapacity(double maxCapacity) {
                this.maxCapacity = maxCapacity;
                return this;
            }

            public Props build() {
                return new Props(network, databaseName, minCapacity, maxCapacity);
            }
        }
    }
}
