import { type CanActivate, Injectable } from '@nestjs/common';
import { NotFoundError } from '../../common/errors/api-error';
import { SetupService } from './setup.service';

/**
 * Once setup is done, POST /setup no longer exists: 404 before the body is even validated.
 * The service checks again under a lock; this only keeps the answer simple.
 */
@Injectable()
export class SetupAvailableGuard implements CanActivate {
  constructor(private readonly setup: SetupService) {}

  async canActivate(): Promise<boolean> {
    if (!(await this.setup.isSetupNeeded())) throw new NotFoundError();
    return true;
  }
}
