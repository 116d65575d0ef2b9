from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person: citizen, start-up founder, job seeker, city staff or reviewer. Email is the login."""

    username = None
    email = models.EmailField(_("adresse électronique"), unique=True)
    preferred_language = models.CharField(
        _("langue préférée"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="fr",
        help_text=_("Les courriels vous sont envoyés dans cette langue."),
    )

    inactivity_warned_at = models.DateTimeField(
        _("averti de l'inactivité le"),
        null=True,
        blank=True,
        help_text=_("Date du courriel annonçant l'anonymisation d'un compte inactif."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class LoginThrottle(models.Model):
    """Failed logins (or password reset requests) counted for one address or one account.

    The key is kept as a keyed digest (`accounts.throttling.key_digest`): the table holds neither the
    addresses nor the email addresses typed into the forms. Rows unused for a day are purged hourly.
    """

    class Scope(models.TextChoices):
        IP = "ip", _("adresse IP")
        ACCOUNT = "account", _("compte")
        RESET_IP = "reset_ip", _("réinitialisation, adresse IP")
        RESET_EMAIL = "reset_email", _("réinitialisation, adresse électronique")

    scope = models.CharField(_("portée"), max_length=16, choices=Scope.choices)
    key_digest = models.CharField(
        _("empreinte de la clé"), max_length=64, validators=[RegexValidator(r"^[0-9a-f]{64}\Z")]
    )
    failures = models.PositiveIntegerField(_("échecs comptés"), default=0)
    window_started_at = models.DateTimeField(_("début de la fenêtre"), null=True, blank=True)
    last_failure_at = models.DateTimeField(_("dernier échec"), null=True, blank=True)
    locked_until = models.DateTimeField(_("bloqué jusqu'au"), null=True, blank=True)
    episode_started_at = models.DateTimeField(
        _("début de l'épisode"),
        null=True,
        blank=True,
        help_text=_("Pour un compte : quand les tentatives ont été ralenties et le titulaire prévenu."),
    )

    class Meta:
        verbose_name = _("limitation de connexion")
        verbose_name_plural = _("limitations de connexion")
        constraints = [models.UniqueConstraint(fields=["scope", "key_digest"], name="login_throttle_unique_key")]
        indexes = [models.Index(fields=["last_failure_at"], name="login_throttle_last_failure")]

    def __str__(self) -> str:
        return f"{self.get_scope_display()} {self.key_digest[:12]}"


class CalendarFeed(models.Model):
    """A person's secret calendar-feed address (their bookings and training sessions, for a phone's calendar).

    Only a digest of the token is kept: the address is shown once, when it is made; making a new one
    revokes the old one (the row is replaced), and turning the feed off deletes the row."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("personne"), on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_digest = models.CharField(
        _("empreinte du jeton"), max_length=64, unique=True, validators=[RegexValidator(r"^[0-9a-f]{64}\Z")]
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("lien d'agenda personnel")
        verbose_name_plural = _("liens d'agenda personnels")

    def __str__(self) -> str:
        return str(self.person)
