package dev.rushgate.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.bedrock.CfnGuardrail;
import software.amazon.awscdk.services.bedrock.CfnGuardrailVersion;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.Rushgate;
import software.constructs.Construct;

/**
 * The feed's inspection in Amazon Bedrock: a guardrail the stack owns (content filters and the managed profanity
 * list, on input) at a fixed numbered version, and the model Converse asks (context {@code feedModelId}).
 *
 * <p>Korean is "optimized and supported" by the guardrails' STANDARD tier only; the CLASSIC tier covers English,
 * French and Spanish (Bedrock user guide, "Languages supported by Amazon Bedrock Guardrails"). STANDARD needs a
 * guardrail profile (cross-Region inference) of the stack's geography: {@code us.guardrail.v1:0},
 * {@code eu.guardrail.v1:0} or {@code apac.guardrail.v1:0}, chosen from the region or set by context
 * {@code guardrailProfile}. Without a known region the guardrail falls back to CLASSIC, and synthesis says so.
 *
 * <p>Cost: nothing idle. ApplyGuardrail is billed per text unit of 1,000 characters and policy; Converse per token.
 */
public final class Inspection extends Construct {
    /** Claude Haiku 4.5 through its global inference profile ({@link Rushgate#DEFAULT_FEED_MODEL}). */
    static final String DEFAULT_MODEL = Rushgate.DEFAULT_FEED_MODEL;
    private static final String GLOBAL = "global.";
    private static final List<String> GEOGRAPHIES = List.of("us.", "eu.", "apac.", GLOBAL, "jp.", "au.");
    /** Models past their end of life on Bedrock that a deployment may still name: Claude 3 Haiku (2026-09-10). */
    static final List<String> ENDED = List.of("anthropic.claude-3-haiku-20240307-v1:0");

    private final CfnGuardrail guardrail;
    private final CfnGuardrailVersion version;
    private final String modelId;
    private final String profileId;

    public Inspection(Construct scope, String id) {
        super(scope, id);
        Object model = scope.getNode().tryGetContext("feedModelId");
        this.modelId = model == null ? DEFAULT_MODEL : model.toString();
        if (ENDED.contains(withoutGeography(modelId))) {
            Annotations.of(this).addWarningV2("rushgate:feed-model-ended", "feedModelId " + modelId + " has reached "
                    + "its end of life on Bedrock: every inspection will fail and wait in posts-failed. Remove the "
                    + "context to use " + DEFAULT_MODEL + ", or name another active model you have enabled.");
        } else if (modelId.startsWith(GLOBAL)) {
            Annotations.of(this).addInfo("Posts are inspected through " + modelId + ", a global inference profile: "
                    + "Bedrock may answer from any commercial region. Set -c feedModelId to a geographic profile "
                    + "(us., eu., apac.) to keep them in one geography.");
        }
        this.profileId = guardrailProfile(scope);
        var builder = CfnGuardrail.Builder.create(this, "Guardrail")
                .name(Stack.of(this).getStackName() + "-posts")
                .description("Rushgate feed: posts are checked here before a model is asked")
                .blockedInputMessaging("This post breaks the community rules and cannot be published.")
                .blockedOutputsMessaging("This post breaks the community rules and cannot be published.")
                .contentPolicyConfig(CfnGuardrail.ContentPolicyConfigProperty.builder()
                        .filtersConfig(filters())
                        .contentFiltersTierConfig(CfnGuardrail.ContentFiltersTierConfigProperty.builder()
                                .tierName(profileId == null ? "CLASSIC" : "STANDARD").build())
                        .build())
                .wordPolicyConfig(CfnGuardrail.WordPolicyConfigProperty.builder()
                        .managedWordListsConfig(List.of(CfnGuardrail.ManagedWordsConfigProperty.builder()
                                .type("PROFANITY").build()))
                        .build());
        if (profileId != null) {
            builder.crossRegionConfig(CfnGuardrail.GuardrailCrossRegionConfigProperty.builder()
                    .guardrailProfileArn(profileArn(Aws.REGION)).build());
        } else {
            Annotations.of(this).addWarningV2("rushgate:guardrail-classic", "The region is not known at synthesis, so "
                    + "the posts guardrail uses the CLASSIC tier (English, French, Spanish): Korean posts pass its "
                    + "content filters unchecked. Set context region or guardrailProfile for the STANDARD tier.");
        }
        this.guardrail = builder.build();
        this.version = CfnGuardrailVersion.Builder.create(this, "Version")
                .guardrailIdentifier(guardrail.getAttrGuardrailId())
                .description("The version the feed's functions apply")
                .build();
    }

    private static List<Object> filters() {
        List<Object> filters = new ArrayList<>();
        for (String type : List.of("HATE", "INSULTS", "SEXUAL", "VIOLENCE", "MISCONDUCT")) {
            filters.add(CfnGuardrail.ContentFilterConfigProperty.builder().type(type)
                    .inputStrength("HIGH").outputStrength("NONE").build());
        }
        // prompt attacks are checked on input only, as Bedrock requires
        filters.add(CfnGuardrail.ContentFilterConfigProperty.builder().type("PROMPT_ATTACK")
                .inputStrength("HIGH").outputStrength("NONE").build());
        return filters;
    }

    /** The guardrail profile of the stack's geography, or null (CLASSIC) when neither context nor region tells. */
    private static String guardrailProfile(Construct scope) {
        Object context = scope.getNode().tryGetContext("guardrailProfile");
        if (context != null) return context.toString();
        String region = Stack.of(scope).getRegion();
        if (Token.isUnresolved(region)) return null;
        if (region.startsWith("us-")) return "us.guardrail.v1:0";
        if (region.startsWith("eu-")) return "eu.guardrail.v1:0";
        if (region.startsWith("ap-")) return "apac.guardrail.v1:0";
        return null;
    }

    private String profileArn(String region) {
        return "arn:" + Aws.PARTITION + ":bedrock:" + region + ":" + Aws.ACCOUNT_ID + ":guardrail-profile/" + profileId;
    }

    /** What an inspecting function is told: the model, the guardrail and its version. */
    public Map<String, String> environment() {
        return Map.of(EnvNames.BEDROCK_MODEL_ID, modelId,
                EnvNames.BEDROCK_GUARDRAIL_ID, guardrail.getAttrGuardrailId(),
                EnvNames.BEDROCK_GUARDRAIL_VERSION, version.getAttrVersion());
    }

    /**
     * ApplyGuardrail on this guardrail (and, for the STANDARD tier, its profile in whichever region of the geography
     * Bedrock routes to), and InvokeModel (Converse) on the model: its foundation model in the stack's region, or, for
     * an inference profile ({@code global.…}, {@code us.…}), the profile, and its foundation model only through that
     * profile, where the profile routes.
     */
    public void grantInspect(Construct function) {
        IGrantable grantee = (IGrantable) function;
        List<String> guardrails = new ArrayList<>(List.of(guardrail.getAttrGuardrailArn()));
        if (profileId != null) {
            guardrails.add(profileArn("*"));
            Functions.acknowledgeFinding(function, "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:bedrock:*:"
                    + "<AWS::AccountId>:guardrail-profile/" + profileId + "]", "The guardrail profile sends each call "
                    + "to a region of its geography that Bedrock chooses; the profile itself is named");
        }
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("bedrock:ApplyGuardrail")).resources(guardrails).build());
        String model = withoutGeography(modelId);
        if (model.equals(modelId)) {
            grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                    .actions(List.of("bedrock:InvokeModel"))
                    .resources(List.of(foundationModel(Aws.REGION, model))).build());
            return;
        }
        String profile = "arn:" + Aws.PARTITION + ":bedrock:" + Aws.REGION + ":" + Aws.ACCOUNT_ID
                + ":inference-profile/" + modelId;
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("bedrock:InvokeModel")).resources(List.of(profile)).build());
        // The foundation model only through the profile. A global profile is authorised on the model in the stack's
        // region and on the model with no region at all (Bedrock user guide, "Global cross-Region inference"); a
        // geographic one on the model in each region of its geography.
        List<String> models;
        if (modelId.startsWith(GLOBAL)) {
            models = List.of(foundationModel(Aws.REGION, model), foundationModel("", model));
        } else {
            models = List.of(foundationModel("*", model));
            Functions.acknowledgeFinding(function, "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:bedrock:*::"
                    + "foundation-model/" + model + "]", "An inference profile sends each call to a region of its "
                    + "geography that Bedrock chooses; the model itself is named, and only through the profile");
        }
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("bedrock:InvokeModel")).resources(models)
                .conditions(Map.of("StringEquals", Map.of("bedrock:InferenceProfileArn", profile))).build());
    }

    private static String foundationModel(String region, String model) {
        return "arn:" + Aws.PARTITION + ":bedrock:" + region + "::foundation-model/" + model;
    }

    /** The model an inference profile ({@code us.…}, {@code global.…}) names, or the id itself. */
    private static String withoutGeography(String id) {
        return GEOGRAPHIES.stream().filter(id::startsWith).findFirst().map(p -> id.substring(p.length())).orElse(id);
    }
}
