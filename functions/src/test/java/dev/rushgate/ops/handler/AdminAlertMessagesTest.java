package dev.rushgate.ops.handler;

import dev.rushgate.ops.domain.AdminAlert;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminAlertMessagesTest {

    /** An alarm's state change as CloudWatch publishes it, inside the envelope SNS delivers to an SQS subscription. */
    private static final String ALARM = """
            {"AlarmName":"Rushgate-DataClaimsDlqNotEmpty-1A2B3C","AlarmDescription":"Messages of claims failed 5 times \
            and wait in claims-dlq; redrive them with the admin API","AWSAccountId":"123456789012",\
            "AlarmConfigurationUpdatedTimestamp":"2026-12-01T10:00:00.000+0000","NewStateValue":"ALARM",\
            "NewStateReason":"Threshold Crossed: 1 datapoint [3.0 (06/12/26 03:20:00)] was greater than or equal to the \
            threshold (1.0).","StateChangeTime":"2026-12-06T03:21:07.123+0000","Region":"EU (Ireland)",\
            "AlarmArn":"arn:aws:cloudwatch:eu-west-1:123456789012:alarm:Rushgate-DataClaimsDlqNotEmpty-1A2B3C",\
            "OldStateValue":"OK","OKActions":[],"AlarmActions":["arn:aws:sns:eu-west-1:123456789012:Rushgate-Alarms"],\
            "InsufficientDataActions":[],"Trigger":{"MetricName":"ApproximateNumberOfMessagesVisible",\
            "Namespace":"AWS/SQS","StatisticType":"Statistic","Statistic":"MAXIMUM","Unit":null,\
            "Dimensions":[{"value":"rushgate-claims-dlq","name":"QueueName"}],"Period":60,"EvaluationPeriods":1,\
            "ComparisonOperator":"GreaterThanOrEqualToThreshold","Threshold":1.0,"TreatMissingData":"missing"}}""";

    private static String envelope(String message) {
        return "{\"Type\":\"Notification\",\"MessageId\":\"5f0e7b1c-0d3a-5c51-9b1f-2a7a1f0c1e11\","
                + "\"TopicArn\":\"arn:aws:sns:eu-west-1:123456789012:Rushgate-Alarms\","
                + "\"Subject\":\"ALARM: \\\"Rushgate-DataClaimsDlqNotEmpty-1A2B3C\\\" in EU (Ireland)\","
                + "\"Message\":" + dev.rushgate.platform.Json.write(message) + ","
                + "\"Timestamp\":\"2026-12-06T03:21:07.180Z\",\"SignatureVersion\":\"1\",\"Signature\":\"abc\","
                + "\"SigningCertURL\":\"https://sns.eu-west-1.amazonaws.com/cert.pem\","
                + "\"UnsubscribeURL\":\"https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe\"}";
    }

    @Test
    void anAlarmInItsSnsEnvelope_isOneStateChange_namedByAlarmStateAndTime() {
        // when
        AdminAlert alert = AdminAlertMessages.read(envelope(ALARM));

        // then
        assertThat(alert.id()).isEqualTo("alarm/Rushgate-DataClaimsDlqNotEmpty-1A2B3C/ALARM/2026-12-06T03:21:07.123+0000");
        assertThat(alert.text()).startsWith(":rotating_light: ALARM Rushgate-DataClaimsDlqNotEmpty-1A2B3C (EU (Ireland))")
                .contains("wait in claims-dlq", "Threshold Crossed");
        // and a second delivery of the same notification (another MessageId) is the same fact
        assertThat(AdminAlertMessages.read(envelope(ALARM).replace("5f0e7b1c", "0000aaaa")).id()).isEqualTo(alert.id());
    }

    @Test
    void aRawAlarm_isReadAsInItsEnvelope() {
        assertThat(AdminAlertMessages.read(ALARM)).isEqualTo(AdminAlertMessages.read(envelope(ALARM)));
    }

    @Test
    void aPollAlert_isToldByItsAlertId() {
        // when
        AdminAlert alert = AdminAlertMessages.read("{\"alertId\":\"final/b/1000\",\"pollId\":\"final\","
                + "\"optionId\":\"b\",\"threshold\":1000,\"votes\":1003,\"firedAt\":1796527267000}");

        // then
        assertThat(alert.id()).isEqualTo("poll-alert/final/b/1000");
        assertThat(alert.text()).contains("Option b of poll final reached 1,000 votes (1,003 counted");
    }

    @Test
    void aPlainTextNotification_isToldAsItCame_byItsMessageId() {
        // when
        AdminAlert alert = AdminAlertMessages.read(envelope("Deployment finished"));

        // then
        assertThat(alert.id()).isEqualTo("sns/5f0e7b1c-0d3a-5c51-9b1f-2a7a1f0c1e11");
        assertThat(alert.text()).endsWith(": Deployment finished");
    }

    @Test
    void anythingElse_isRefused() {
        assertThatThrownBy(() -> AdminAlertMessages.read("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AdminAlertMessages.read("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AdminAlertMessages.read("{\"hello\":1}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AdminAlertMessages.read("{\"Type\":\"Notification\",\"Message\":\"x\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
