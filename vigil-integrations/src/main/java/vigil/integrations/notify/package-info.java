/**
 * Notifications: the events Vigil announces ({@link vigil.integrations.notify.Notification}),
 * their per-channel Mustache templates ({@link vigil.integrations.notify.Templates}, resources
 * under {@code vigil/integrations/notify/templates/<channel>/<event>.mustache}) and the channels:
 * Slack and Microsoft Teams incoming webhooks, generic webhooks signed with HMAC-SHA256 ({@link
 * vigil.integrations.notify.WebhookSignature} also verifies them, for receivers) and e-mail over
 * SMTP.
 */
package vigil.integrations.notify;
